namespace Platform.Gateway.BrowserConsole;

/// <summary>
/// The console's Content-Security-Policy: scripts, styles, fonts and calls from this origin only. The one
/// exception is the &lt;style&gt; elements the component library writes at run time, which carry the
/// per-response nonce (no 'unsafe-inline' anywhere); QR codes arrive as data: images.
/// </summary>
public static class ConsolePolicy
{
    public const string NoncePlaceholder = "__CSP_NONCE__";

    public static string For(string nonce) =>
        "default-src 'self'; script-src 'self'; " + $"style-src 'self' 'nonce-{nonce}'; "
        + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static string NewNonce() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
