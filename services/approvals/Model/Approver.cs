namespace Platform.Approvals.Model;

/// <summary>
/// A person who may request or approve, as approvals knows them from identity's events: an address
/// to notify and a name to show on a decision. Events arrive in any order: the first one about an
/// account creates it with what it knows, and each field (address, name, state) keeps the value of
/// the newest event that set it. A deleted account stays deleted whatever arrives after.
/// </summary>
public sealed class Approver
{
    public Guid UserId { get; private set; }
    /// <summary>Empty until an event that carries the address arrives.</summary>
    public string Email { get; private set; } = "";
    public DateTimeOffset EmailSince { get; private set; } = DateTimeOffset.MinValue;
    public string DisplayName { get; private set; } = "";
    public string FirstName { get; private set; } = "";
    public DateTimeOffset NameSince { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>Identity's account state (lowercase); suspended, archived and deleted accounts decide nothing.</summary>
    public string AccountState { get; private set; } = "active";
    public DateTimeOffset StateSince { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>The time of the earliest event about the account (its registration, once that arrives).</summary>
    public DateTimeOffset KnownSince { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    private Approver() { }

    /// <summary>An account known so far only by its id, from an event at <paramref name="at"/>.</summary>
    public static Approver Unknown(Guid userId, DateTimeOffset at) => new() { UserId = userId, KnownSince = at };

    public static Approver FromRegistration(Guid userId, string email, string firstName, string lastName, DateTimeOffset registeredAt)
    {
        var approver = Unknown(userId, registeredAt);
        approver.Register(email, firstName, lastName, registeredAt);
        return approver;
    }

    public bool IsDeleted => DeletedAt is not null;

    public void Register(string email, string firstName, string lastName, DateTimeOffset registeredAt)
    {
        ChangeEmail(email, registeredAt);
        ChangeName(firstName, lastName, registeredAt);
    }

    public void ChangeEmail(string email, DateTimeOffset at)
    {
        Seen(at);
        if (IsDeleted || at < EmailSince) return;
        Email = email;
        EmailSince = at;
    }

    public void ChangeName(string firstName, string lastName, DateTimeOffset at)
    {
        Seen(at);
        if (IsDeleted || at < NameSince) return;
        FirstName = firstName.Trim();
        DisplayName = $"{FirstName} {lastName.Trim()}".Trim();
        NameSince = at;
    }

    public void ChangeAccountState(string state, DateTimeOffset at)
    {
        Seen(at);
        if (IsDeleted || at < StateSince) return;
        AccountState = state.ToLowerInvariant();
        StateSince = at;
    }

    public bool MayDecide => !IsBlocked(AccountState);

    public static bool IsBlocked(string accountState) => accountState is "suspended" or "archived" or "deleted";

    /// <summary>Identity deleted the account: keep the id for history, drop everything personal, for good.</summary>
    public void Forget(DateTimeOffset deletedAt)
    {
        Seen(deletedAt);
        Email = $"deleted-{UserId:N}@deleted.invalid";
        DisplayName = "";
        FirstName = "";
        AccountState = "deleted";
        DeletedAt ??= deletedAt;
    }

    private void Seen(DateTimeOffset at)
    {
        if (at < KnownSince) KnownSince = at;
    }
}
