namespace Platform.Notifications.Model;

/// <summary>
/// A person as this service knows them from identity's events: the address to reach them at, the name
/// to greet them with and the language to write in. Keeps the addresses they had before, so their
/// deliveries can be found and anonymized when the account is deleted. A deleted account stays as a
/// tombstone without personal data, so a late event cannot bring it back. Events arrive in any order:
/// each field (address, name, language) keeps the value of the newest event that set it.
/// </summary>
public sealed class DirectoryUser
{
    public const int MaxPastEmails = 20;

    public Guid UserId { get; private set; }
    public string? Email { get; private set; }
    public DateTimeOffset EmailSince { get; private set; }
    public string[] PastEmails { get; private set; } = [];
    public string FirstName { get; private set; } = "";
    public DateTimeOffset NameSince { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>A language tag such as <c>de</c> or <c>de-AT</c>; null: the default (English).</summary>
    public string? Locale { get; private set; }
    public DateTimeOffset LocaleSince { get; private set; } = DateTimeOffset.MinValue;
    public bool Deleted { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    private DirectoryUser() { }

    public static DirectoryUser Unknown(Guid userId) => new() { UserId = userId, EmailSince = DateTimeOffset.MinValue };

    /// <summary>Every address this account had, current first.</summary>
    public IEnumerable<string> Addresses => Email is null ? PastEmails : PastEmails.Prepend(Email);

    public void Register(string email, string firstName, string? locale, DateTimeOffset registeredAt)
    {
        if (Deleted)
        {
            return;
        }

        ChangeProfile(firstName, locale, registeredAt);
        SetEmail(email, registeredAt);
    }

    /// <summary>A new name, and a new language unless <paramref name="locale"/> is empty (which keeps the one known).</summary>
    public void ChangeProfile(string firstName, string? locale, DateTimeOffset changedAt)
    {
        if (Deleted)
        {
            return;
        }

        if (changedAt >= NameSince)
        {
            FirstName = firstName.Trim();
            NameSince = changedAt;
        }

        if (!string.IsNullOrWhiteSpace(locale) && changedAt >= LocaleSince)
        {
            Locale = locale.Trim();
            LocaleSince = changedAt;
        }
    }

    /// <summary>An older change arriving after a newer one only adds to the past addresses.</summary>
    public void ChangeEmail(string oldEmail, string newEmail, DateTimeOffset changedAt)
    {
        if (Deleted)
        {
            return;
        }

        Remember(oldEmail);
        SetEmail(newEmail, changedAt);
    }

    /// <summary>Identity deleted the account: keep the id, drop everything personal.</summary>
    public void Forget(DateTimeOffset deletedAt)
    {
        Deleted = true;
        DeletedAt = deletedAt;
        Email = null;
        PastEmails = [];
        FirstName = "";
        Locale = null;
    }

    private void SetEmail(string email, DateTimeOffset at)
    {
        var address = EmailDelivery.NormalizeAddress(email);
        if (at < EmailSince)
        {
            Remember(address);
            return;
        }

        var previous = Email;
        Email = address;
        EmailSince = at;
        PastEmails = PastEmails.Where(past => past != address).ToArray();
        if (previous is not null)
        {
            Remember(previous);
        }
    }

    private void Remember(string email)
    {
        var address = EmailDelivery.NormalizeAddress(email);
        if (address.Length > 0 && address != Email && !PastEmails.Contains(address))
        {
            PastEmails = PastEmails.Append(address).TakeLast(MaxPastEmails).ToArray();
        }
    }
}
