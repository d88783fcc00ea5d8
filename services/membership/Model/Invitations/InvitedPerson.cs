using Platform.ServiceDefaults.Email;

namespace Platform.Membership.Model.Invitations;

/// <summary>
/// Who the inviter says the person is, each part optional: the names their pending account starts
/// with and the email greets them by, and the language the email (and later ones) is written in.
/// </summary>
public sealed record InvitedPerson(string? FirstName, string? LastName, string? Language)
{
    public const int MaxNameLength = 100;

    /// <summary>
    /// Trimmed names (blank is none) and a supported language; the problems by field name
    /// (<c>firstName</c>, <c>lastName</c>, <c>language</c>) otherwise.
    /// </summary>
    public static (InvitedPerson? Person, Dictionary<string, string> Problems) Create(string? firstName, string? lastName, string? language)
    {
        var problems = new Dictionary<string, string>();
        var first = Name(firstName, "firstName", problems);
        var last = Name(lastName, "lastName", problems);
        if (!Languages.TryNormalize(language, out var chosen)) problems["language"] = Languages.Problem;
        return problems.Count > 0 ? (null, problems) : (new InvitedPerson(first, last, chosen), problems);
    }

    private static string? Name(string? input, string field, Dictionary<string, string> problems)
    {
        var name = input?.Trim();
        if (string.IsNullOrEmpty(name)) return null;
        if (name.Length > MaxNameLength || name.Any(char.IsControl)) problems[field] = $"At most {MaxNameLength} characters, without control characters.";
        return name;
    }
}
