using Microsoft.AspNetCore.DataProtection;

namespace Platform.Identity.Application;

/// <summary>
/// TOTP secrets are encrypted at rest with ASP.NET Core Data Protection (keys in identity's database).
/// A stored value carries a prefix; one without it is a secret written before encryption and is
/// read as it is, then re-protected at its next use.
/// </summary>
public sealed class TotpSecretProtection(IDataProtectionProvider provider)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector protector = provider.CreateProtector("Platform.Identity.TotpSecret.v1");

    public string Protect(string secret) => Prefix + protector.Protect(secret);

    public string Reveal(string stored) => IsProtected(stored) ? protector.Unprotect(stored[Prefix.Length..]) : stored;

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);
}
