namespace Platform.Membership.Model;

/// <summary>
/// Membership's own copy of an account, kept from identity's events: enough to list members and
/// match invitations by email without calling identity.
/// </summary>
public sealed class DirectoryUser
{
    public Guid Id { get; private set; }
    public string Email { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public DateTimeOffset RegisteredAt { get; private set; }
    public bool EmailVerified { get; private set; }
    /// <summary>The account's state in identity (pending, active, suspended, …): shown with every membership.</summary>
    public string AccountState { get; private set; } = "pending";

    private DirectoryUser() { }

    public static DirectoryUser FromRegistration(Guid id, string email, string firstName, string lastName, DateTimeOffset registeredAt) => new()
    {
        Id = id,
        Email = email,
        FirstName = firstName,
        LastName = lastName,
        RegisteredAt = registeredAt,
    };

    public void ChangeEmail(string email) => Email = email;

    public void MarkVerified()
    {
        EmailVerified = true;
        if (AccountState == "pending") AccountState = "active";
    }

    public void ChangeAccountState(string state) => AccountState = state;

    /// <summary>Identity deleted the account: keep the id for history, drop everything personal.</summary>
    public void Forget()
    {
        Email = $"deleted-{Id:N}@deleted.invalid";
        FirstName = "";
        LastName = "";
        AccountState = "deleted";
    }
}
