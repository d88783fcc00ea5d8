using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>
/// The running platform with the provider's signing keys configured as production would have them mid-rollover:
/// <see cref="CurrentKey"/> first (it signs), <see cref="PreviousKey"/> second (still published, so tokens it signed
/// before the rollover keep validating). The tests hold the private keys, so they can make tokens the provider could
/// have made, and change one thing at a time (expiry, audience, key).
/// </summary>
public sealed class OpenIdPlatform : RunningPlatform
{
    public static ECDsaSecurityKey CurrentKey { get; } = NewKey();
    public static ECDsaSecurityKey PreviousKey { get; } = NewKey();

    protected override IReadOnlyDictionary<string, string> SettingsFor(string resourceName) => resourceName switch
    {
        "identity" => new Dictionary<string, string>
        {
            ["OpenIdConnect__SigningKeys__0"] = CurrentKey.ECDsa.ExportPkcs8PrivateKeyPem(),
            ["OpenIdConnect__SigningKeys__1"] = PreviousKey.ECDsa.ExportPkcs8PrivateKeyPem(),
        },
        // Every test signs up and logs in from 127.0.0.1: the production limit (10 a minute) would refuse the suite
        // itself. The limit has its own test in the gateway suite.
        "gateway" => new Dictionary<string, string> { ["Gateway__LoginAttemptsPerWindow"] = "1000" },
        _ => new Dictionary<string, string>(),
    };

    /// <summary>A P-256 key whose <c>kid</c> is the provider's: a hash of its public key.</summary>
    public static ECDsaSecurityKey NewKey()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new ECDsaSecurityKey(key) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..16]) };
    }
}
