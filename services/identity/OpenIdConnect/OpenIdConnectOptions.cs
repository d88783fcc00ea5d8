namespace Platform.Identity.OpenIdConnect;

/// <summary>The OpenID provider's settings (section <c>OpenIdConnect</c>).</summary>
public sealed class OpenIdConnectOptions
{
    public const string SectionName = "OpenIdConnect";

    /// <summary>
    /// Private keys (PEM, EC P-256 for ES256 or RSA for RS256). The first signs; every one is published
    /// in the JWKS, so a rollover lists the next key second, then first, then drops the old one.
    /// Empty: a development certificate generated on the first run and kept in the user's certificate store.
    /// </summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>Base64 of 32 random bytes that encrypt authorization codes and refresh tokens; empty: a development certificate.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>The issuer; empty: the gateway's public origin, as the gateway forwards it.</summary>
    public Uri? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
}
