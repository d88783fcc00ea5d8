using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Testing;

/// <summary>
/// The internal-token key pair of this test run: services trust <see cref="PublicKeyPem"/>, and tests
/// stand in for the gateway with <see cref="TokenFor"/>. <see cref="ForgedTokenFor"/> signs with another key.
/// </summary>
public static class TestKeys
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa Impostor = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string PrivateKeyPem { get; } = Key.ExportPkcs8PrivateKeyPem();
    public static string PublicKeyPem { get; } = Key.ExportSubjectPublicKeyInfoPem();

    private static readonly InternalTokenIssuer Issuer = IssuerFor(PrivateKeyPem);
    private static readonly InternalTokenIssuer ForgingIssuer = IssuerFor(Impostor.ExportPkcs8PrivateKeyPem());

    public static string TokenFor(InternalIdentity identity) => Issuer.Issue(identity);

    public static string ForgedTokenFor(InternalIdentity identity) => ForgingIssuer.Issue(identity);

    private static InternalTokenIssuer IssuerFor(string privateKeyPem) =>
        new(Options.Create(new InternalTokenOptions { SigningKey = privateKeyPem }), TimeProvider.System);
}
