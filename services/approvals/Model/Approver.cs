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
    public string FirstName { get; private set; } = "";
    /// <summary>Identity's account state (lowercase); suspended, archived and deleted accounts decide nothing.</summary>
    public string AccountState { get; private set; } = "active";
    public DateTimeOffset KnownSince { get; private set; }

    private Approver() { }

    public static Approver FromRegistration(Guid userId, string email, string firstName, string lastName, DateTimeOffset registeredAt) => new()
    {
        UserId = userId,
        Email = email,
        DisplayName = $"{firstName} {lastName}",
        FirstName = firstName,
        KnownSince = registeredAt,
    };

    /// <summary>An account approvals never saw registering (created before approvals ran, or by an administrator).</summary>
    public static Approver Unregistered(Guid userId, string accountState, DateTimeOffset now) => new()
    {
        UserId = userId,
        AccountState = accountState.ToLowerInvariant(),
        KnownSince = now,
    };

    /// <summary>The registration arrived after another event about the account: fill in what it brings.</summary>
    public void CompleteRegistration(string email, string firstName, string lastName)
    {
        if (Email.Length > 0 || AccountState == "deleted") return;
        Email = email;
        FirstName = firstName;
        DisplayName = $"{firstName} {lastName}";
    }

    public void ChangeEmail(string email) => Email = email;

    public void ChangeAccountState(string state) => AccountState = state.ToLowerInvariant();

    public bool MayDecide => !IsBlocked(AccountState);

    public static bool IsBlocked(string accountState) => accountState is "suspended" or "archived" or "deleted";

    /// <summary>Identity deleted the account: keep the id for history, drop everything personal.</summary>
    public void Forget()
    {
        Email = $"deleted-{UserId:N}@deleted.invalid";
        DisplayName = "";
        FirstName = "";
        AccountState = "deleted";
    }
}
