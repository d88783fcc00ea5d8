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

    /// <summary>Login attempts per client address per window (the route with RateLimiterPolicy "login").</summary>
    public int LoginAttemptsPerWindow { get; set; } = 10;
    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Origins (<c>https://app.example</c>) other than the gateway's own whose browsers may send unsafe
    /// requests (POST, PUT, PATCH, DELETE): a front end served from another host.
    /// </summary>
    public string[] TrustedOrigins { get; set; } = [];

    /// <summary>The <c>aud</c> an OpenID access token must carry for the gateway to accept it as a bearer token.</summary>
    public string OpenIdAudience { get; set; } = "platform-api";

    /// <summary>The OpenID provider's issuer, when configured on identity (<c>OpenIdConnect:Issuer</c>); empty: the gateway's own public origin.</summary>
    public Uri? OpenIdIssuer { get; set; }

    /// <summary>Services whose OpenAPI documents are aggregated (each also a YARP cluster and a discovery name).</summary>
    public string[] Services { get; set; } = ["identity", "membership", "notifications", "approvals"];
}
