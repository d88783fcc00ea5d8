using OtpNet;

namespace Platform.Identity.Model;

/// <summary>RFC 6238 codes: SHA-1, 6 digits, 30-second steps, accepted one step either side for clock drift.</summary>
public static class TotpCode
{
    public const int SecretBytes = 20;
    public const string Issuer = "Platform";

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes));

    /// <summary>The time step <paramref name="code"/> is valid for at <paramref name="now"/>, or null.</summary>
    public static long? MatchingStep(string secret, string? code, DateTimeOffset now)
    {
        var digits = code?.Replace(" ", "", StringComparison.Ordinal);
        if (digits is not { Length: 6 } || !digits.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, digits, out var step, VerificationWindow.RfcSpecifiedNetworkDelay) ? step : null;
    }

    public static string EnrolmentUri(string secret, string accountName) =>
        new OtpUri(OtpType.Totp, secret, accountName, Issuer).ToString();
}
