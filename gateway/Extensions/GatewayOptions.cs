namespace Platform.Gateway.Extensions;

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Largest request body forwarded; larger ones get 413 before reaching a service.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per client address per window, over all routes.</summary>
    public int RequestsPerWindow { get; set; } = 200;
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The browser session cookie. <c>__Host-</c> requires Secure, which browsers refuse over plain
    /// http, so local development over http uses the name without the prefix.
    /// </summary>
    public string SessionCookieName { get; set; } = "__Host-platform-session";

    /// <summary>Slide a session's idle expiry at most this often, instead of writing Redis on every request.</summary>
    public TimeSpan SessionSlideInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Services whose OpenAPI documents are aggregated (each also a YARP cluster and a discovery name).</summary>
    public string[] Services { get; set; } = ["identity", "membership", "notifications", "approvals"];
}
