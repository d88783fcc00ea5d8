using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Identity.OpenIdConnect;

/// <summary>Turns configured PEM private keys into signing keys with a stable <c>kid</c> (a hash of the public key).</summary>
public static class OpenIdSigningKeys
{
    public static SecurityKey FromPem(string pem)
    {
        if (TryImport(pem, RSA.Create) is { } rsa)
        {
            return new RsaSecurityKey(rsa) { KeyId = KeyId(rsa.ExportSubjectPublicKeyInfo()) };
        }

        var ec = Import(pem, ECDsa.Create);
        return new ECDsaSecurityKey(ec) { KeyId = KeyId(ec.ExportSubjectPublicKeyInfo()) };
    }

    private static T Import<T>(string pem, Func<T> create) where T : AsymmetricAlgorithm
    {
        var key = create();
        key.ImportFromPem(pem);
        return key;
    }

    private static T? TryImport<T>(string pem, Func<T> create) where T : AsymmetricAlgorithm
    {
        try { return Import(pem, create); }
        catch (CryptographicException) { return null; }
        catch (ArgumentException) { return null; }
    }

    private static string KeyId(byte[] publicKey) => Base64UrlEncoder.Encode(SHA256.HashData(publicKey)[..16]);
}
