using System.Text.RegularExpressions;

namespace Platform.Notifications.Model;

/// <summary>
/// Finds the secrets that emails carry in links (<c>?token=…</c>) so stored and displayed copies can
/// hide them. Matches the plain-text form and the HTML-encoded forms the templates produce
/// (<c>&amp;amp;token=</c>, <c>token&amp;#x3D;</c>).
/// </summary>
/// <remarks>
/// Unsubscribe links are left alone: their token is not a one-time secret (it only opts its own
/// recipient out of one category, and every copy of the email in that mailbox carries it), and a
/// broadcast resent from the log must still offer a working way out.
/// </remarks>
public static partial class LinkSecrets
{
    public const string Mask = "***";

    /// <summary>External approval links carry their secret in the path: <c>/api/approvals/external/{token}</c>.</summary>
    public const string ExternalApprovalPath = "/api/approvals/external/";

    public static string Hide(string text) => PathToken().Replace(TokenValue().Replace(text, "${key}" + Mask), "${key}" + Mask);

    // Starts with the literal "token", which the engine finds with a vectorized search: every email
    // sent goes through this, and a pattern that starts with a lookbehind is tried at every position.
    [GeneratedRegex("""(?<=[?&;])(?<!/unsubscribe\?)(?<key>token(?:=|&#x3D;|&#61;))[^&\s"'<>#]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenValue();

    [GeneratedRegex("""(?<key>/api/approvals/external/)[^/?&\s"'<>#]+""", RegexOptions.CultureInvariant)]
    private static partial Regex PathToken();
}
