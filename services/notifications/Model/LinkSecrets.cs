using System.Text.RegularExpressions;

namespace Platform.Notifications.Model;

/// <summary>
/// Finds the secrets that emails carry in links (<c>?token=…</c>) so stored and displayed copies can
/// hide them. Matches the plain-text form and the HTML-encoded forms the templates produce
/// (<c>&amp;amp;token=</c>, <c>token&amp;#x3D;</c>).
/// </summary>
public static partial class LinkSecrets
{
    public const string Mask = "***";

    public static string Hide(string text) => TokenValue().Replace(text, Mask);

    [GeneratedRegex("""(?<=[?&;]token(?:=|&#x3D;|&#61;))[^&\s"'<>#]+""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenValue();
}
