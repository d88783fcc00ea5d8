namespace Platform.ServiceDefaults.Sessions;

/// <summary>Section <c>Sessions</c>, read by identity (which writes sessions) and the gateway (which reads them).</summary>
public sealed class BrowserSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>
    /// <c>__Host-</c> requires Secure, which browsers refuse over plain http, so local development over
    /// http uses a name without the prefix and <see cref="SecureCookie"/> false.
    /// </summary>
    public string CookieName { get; set; } = "__Host-platform-session";
    public bool SecureCookie { get; set; } = true;
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
    /// <summary>The gateway slides a session's idle expiry at most this often, not on every request.</summary>
    public TimeSpan SlideInterval { get; set; } = TimeSpan.FromMinutes(1);
}
