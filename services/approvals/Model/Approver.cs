namespace Platform.Approvals.Model;

/// <summary>
/// A person who may request or approve, as approvals knows them from identity's events: an address
/// to notify and a name to show on a decision.
/// </summary>
public sealed class Approver
{
    public Guid UserId { get; private set; }
    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public DateTimeOffset KnownSince { get; private set; }

    private Approver() { }

    public static Approver FromRegistration(Guid userId, string email, string firstName, string lastName, DateTimeOffset registeredAt) => new()
    {
        UserId = userId,
        Email = email,
        DisplayName = $"{firstName} {lastName}",
        KnownSince = registeredAt,
    };

    public void ChangeEmail(string email) => Email = email;

    /// <summary>Identity deleted the account: keep the id for history, drop everything personal.</summary>
    public void Forget()
    {
        Email = $"deleted-{UserId:N}@deleted.invalid";
        DisplayName = "";
    }
}
