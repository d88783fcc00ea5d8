namespace Platform.Membership.Model;

/// <summary>
/// Membership's own copy of an account, kept from identity's events: enough to list members and
/// match invitations by email without calling identity. Events arrive in any order: the first one
/// about an account creates the copy with what it knows, and each field (address, name, state) keeps
/// the value of the newest event that set it. A deleted account stays deleted whatever arrives after.
/// </summary>
public sealed class DirectoryUser
{
    public Guid Id { get; private set; }
    /// <summary>Empty until an event that carries the address arrives.</summary>
    public string Email { get; private set; } = "";
    public DateTimeOffset EmailSince { get; private set; } = DateTimeOffset.MinValue;
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public DateTimeOffset NameSince { get; private set; } = DateTimeOffset.MinValue;
    public DateTimeOffset RegisteredAt { get; private set; } = DateTimeOffset.MinValue;
    public bool EmailVerified { get; private set; }
    /// <summary>The account's state in identity (pending, active, suspended, …): shown with every membership.</summary>
    public string AccountState { get; private set; } = "pending";
    public DateTimeOffset StateSince { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>The last login identity reported (its UserLoggedIn event); null until the first one.</summary>
    public DateTimeOffset? LastLoginAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Account states whose holders receive no group messages.</summary>
    public static readonly IReadOnlyList<string> UnreachableStates = ["suspended", "archived", "deleted"];

    private DirectoryUser() { }

    /// <summary>An account known so far only by its id: the event at hand fills in what it brings.</summary>
    public static DirectoryUser Unknown(Guid id) => new() { Id = id };

    public static DirectoryUser FromRegistration(Guid id, string email, string firstName, string lastName, DateTimeOffset registeredAt)
    {
        var user = Unknown(id);
        user.Register(email, firstName, lastName, registeredAt);
        return user;
    }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>The account was created pending; a later verification or state change outranks that.</summary>
    public void Register(string email, string firstName, string lastName, DateTimeOffset registeredAt)
    {
        if (IsDeleted) return;
        RegisteredAt = registeredAt;
        ChangeEmail(email, registeredAt);
        ChangeName(firstName, lastName, registeredAt);
        ChangeAccountState("pending", registeredAt);
    }

    public void ChangeEmail(string email, DateTimeOffset at)
    {
        if (IsDeleted || at < EmailSince) return;
        Email = email;
        EmailSince = at;
    }

    public void ChangeName(string firstName, string lastName, DateTimeOffset at)
    {
        if (IsDeleted || at < NameSince) return;
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        NameSince = at;
    }

    /// <summary>A verified address stays verified; it activates a pending account unless a newer state is known.</summary>
    public void MarkVerified(string email, DateTimeOffset at)
    {
        if (IsDeleted) return;
        EmailVerified = true;
        ChangeEmail(email, at);
        if (AccountState == "pending") ChangeAccountState("active", at);
    }

    public void ChangeAccountState(string state, DateTimeOffset at)
    {
        if (IsDeleted || at < StateSince) return;
        AccountState = state.ToLowerInvariant();
        StateSince = at;
    }

    /// <summary>Moves forward only: a late, out-of-order report does not make someone look inactive.</summary>
    public void RecordLogin(DateTimeOffset at)
    {
        if (LastLoginAt is null || at > LastLoginAt) LastLoginAt = at;
    }

    /// <summary>Identity deleted the account: keep the id for history, drop everything personal, for good.</summary>
    public void Forget(DateTimeOffset deletedAt)
    {
        Email = $"deleted-{Id:N}@deleted.invalid";
        FirstName = "";
        LastName = "";
        AccountState = "deleted";
        DeletedAt ??= deletedAt;
    }
}
