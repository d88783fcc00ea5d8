using System.Globalization;
using System.Text;

namespace Platform.ServiceDefaults.Email;

/// <summary>
/// The one rule for email addresses in every service: an address is stored, compared and sent to in its
/// canonical form, so two spellings of one mailbox can never be two accounts, two invitations or two
/// approvers.
/// <list type="bullet">
/// <item>Surrounding white space is trimmed; the domain loses a trailing dot (<c>example.com.</c> is
/// <c>example.com</c>) and an internationalized domain becomes its ASCII (punycode) form.</item>
/// <item>The whole address is lower-cased, local part included, as Keycloak does: RFC 5321 lets a server
/// tell <c>Ada@</c> from <c>ada@</c>, but no mail provider people use does, and two accounts that differ
/// only in case would be the same person twice.</item>
/// <item>Refused: no or several <c>@</c>, an empty part, white space or control characters anywhere,
/// quoted local parts, comments and display names (anything outside RFC 5322's dot-atom, which RFC 6531
/// extends to non-ASCII letters), IP-literal domains (<c>[192.0.2.1]</c>: no person's mailbox is reached
/// that way, and it would slip past allowed-domain rules), a domain without a dot, and parts longer
/// than RFC 5321 allows: 64 octets for the local part, 255 for the domain, 254 for the address.</item>
/// </list>
/// Addresses stored before this rule existed were trimmed and lower-cased already; each service's README
/// section on addresses says what it does about a trailing dot or a non-ASCII domain among them.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;
    public const int MaxLocalPartLength = 64;
    public const int MaxDomainLength = 255;

    private const string AtomSpecials = "!#$%&'*+-/=?^_`{|}~";
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>The canonical form of <paramref name="input"/>, or false when it cannot be a mailbox.</summary>
    public static bool TryNormalize(string? input, out string canonical)
    {
        canonical = Canonicalize(input, out var problem) ?? "";
        return problem is null;
    }

    /// <summary>The canonical form, or null with <paramref name="problem"/> saying (to a person) what is wrong.</summary>
    public static string? Canonicalize(string? input, out string? problem)
    {
        problem = Check(input?.Trim() ?? "", out var local, out var domain);
        if (problem is not null) return null;

        var canonical = $"{local}@{domain}".ToLowerInvariant();
        if (canonical.Length > MaxLength) problem = $"An email address has at most {MaxLength} characters.";
        return problem is null ? canonical : null;
    }

    private static string? Check(string address, out string local, out string domain)
    {
        (local, domain) = ("", "");
        if (address.Length == 0) return "An email address is required.";
        if (address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) return "An email address has no spaces or control characters.";
        var at = address.IndexOf('@');
        if (at < 0 || at != address.LastIndexOf('@')) return "An email address has exactly one @.";

        local = address[..at];
        if (local.Length == 0) return "An email address needs a name before the @.";
        if (!IsDotAtom(local)) return "The part before the @ may hold letters, digits, dots (not first, last or doubled) and ! # $ % & ' * + - / = ? ^ _ ` { | } ~; quotes, comments and display names are not accepted.";
        if (Encoding.UTF8.GetByteCount(local) > MaxLocalPartLength) return $"The part before the @ has at most {MaxLocalPartLength} characters.";

        domain = address[(at + 1)..];
        if (domain.EndsWith('.')) domain = domain[..^1];
        if (domain.Length == 0) return "An email address needs a domain after the @.";
        if (domain.EndsWith('.')) return "The domain after the @ is not a valid domain name.";
        if (domain.StartsWith('[')) return "A domain written as an IP address is not accepted; use the domain name.";
        try
        {
            domain = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return "The domain after the @ is not a valid domain name.";
        }

        if (domain.Length > MaxDomainLength) return $"The domain has at most {MaxDomainLength} characters.";
        return domain.Contains('.') ? null : "The domain after the @ needs a dot, as in example.com.";
    }

    /// <summary>RFC 5322 dot-atom with RFC 6531's non-ASCII letters and digits.</summary>
    private static bool IsDotAtom(string local) =>
        local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || AtomSpecials.Contains(c) || (c > 127 && char.IsLetterOrDigit(c)));
}
