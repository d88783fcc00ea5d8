namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// The gateway signs a short-lived ES256 token for each request it forwards; services trust nothing else.
/// Section <c>InternalToken</c>: the gateway holds <c>SigningKey</c> (PKCS#8 PEM), everyone holds <c>PublicKey</c>.
/// </summary>
public sealed class InternalTokenOptions
{
    public const string SectionName = "InternalToken";

    public string Issuer { get; set; } = "platform-gateway";
    public string Audience { get; set; } = "platform-services";
    public string? SigningKey { get; set; }
    public string? PublicKey { get; set; }
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(1);
}
