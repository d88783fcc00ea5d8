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
    /// <summary>The last login identity reported (its UserLoggedIn event); null until the first one.</summary>
    public DateTimeOffset? LastLoginAt { get; private set; }

    /// <summary>Account states whose holders receive no group messages.</summary>
    public static readonly IReadOnlyList<string> UnreachableStates = ["suspended", "archived", "deleted"];

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

    /// <summary>Moves forward only: a late, out-of-order report does not make someone look inactive.</summary>
    public void RecordLogin(DateTimeOffset at)
    {
        if (LastLoginAt is null || at > LastLoginAt) LastLoginAt = at;
    }

    /// <summary>Identity deleted the account: keep the id for history, drop everything personal.</summary>
    public void Forget()
    {
        Email = $"deleted-{Id:N}@deleted.invalid";
        FirstName = "";
        LastName = "";
        AccountState = "deleted";
    }
}
