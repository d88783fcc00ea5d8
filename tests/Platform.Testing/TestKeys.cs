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
    private static readonly InternalTokenIssuer AnonymousIssuer = IssuerFor(PrivateKeyPem, TimeSpan.FromDays(1));

    public static string TokenFor(InternalIdentity identity) => Issuer.Issue(identity);

    /// <summary>
    /// The gateway's token for an unidentified caller, as it forwards a public route. It lives a day, not a
    /// minute, because test clients keep it as a default header for as long as they run.
    /// </summary>
    public static string AnonymousToken() => AnonymousIssuer.IssueAnonymous();

    public static string ForgedTokenFor(InternalIdentity identity) => ForgingIssuer.Issue(identity);

    private static InternalTokenIssuer IssuerFor(string privateKeyPem, TimeSpan? lifetime = null) =>
        new(Options.Create(new InternalTokenOptions { SigningKey = privateKeyPem, Lifetime = lifetime ?? new InternalTokenOptions().Lifetime }), TimeProvider.System);
}
