using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Platform.Notifications.Model;

/// <summary>
/// The token in a broadcast's unsubscribe link: <c>{userId}.{category}.{HMAC-SHA256}</c>, so the
/// one-click POST (RFC 8058) needs no sign-in and no stored state, and nobody can forge one for
/// another user. It does not expire: a year-old email must still let its reader out.
/// </summary>
public sealed class UnsubscribeTokens(byte[] key)
{
    public const string ConfigurationKey = "Email:UnsubscribeKey";
    private const int MinimumKeyLength = 32;
    // Known to everyone who reads this file: only good enough for a developer's machine.
    private const string DevelopmentKey = "platform-development-unsubscribe-key-never-use-in-production";

    public string Create(Guid userId, EmailCategory category)
    {
        var payload = Payload(userId, category);
        return $"{payload}.{WebEncoders.Base64UrlEncode(Sign(payload))}";
    }

    public bool TryRead(string? token, out Guid userId, out EmailCategory category)
    {
        userId = default;
        category = default;
        var parts = token?.Split('.');
        if (parts is not { Length: 3 }
            || !Guid.TryParseExact(parts[0], "N", out var id)
            || !EmailCategories.TryParse(parts[1], out var parsed))
        {
            return false;
        }

        byte[] signature;
        try { signature = WebEncoders.Base64UrlDecode(parts[2]); }
        catch (FormatException) { return false; }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(Payload(id, parsed))))
        {
            return false;
        }

        userId = id;
        category = parsed;
        return true;
    }

    /// <summary>
    /// <c>Email:UnsubscribeKey</c>, at least 32 characters, the same on every replica. Required outside
    /// Development: a key made up per process would break every link in every sent email at the next restart.
    /// </summary>
    public static UnsubscribeTokens FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration[ConfigurationKey];
        if (string.IsNullOrEmpty(key))
        {
            key = environment.IsDevelopment()
                ? DevelopmentKey
                : throw new InvalidOperationException(
                    $"{ConfigurationKey} is not configured: set a random secret of at least {MinimumKeyLength} characters, the same on every replica.");
        }

        if (key.Length < MinimumKeyLength)
        {
            throw new InvalidOperationException($"{ConfigurationKey} must have at least {MinimumKeyLength} characters.");
        }

        return new UnsubscribeTokens(Encoding.UTF8.GetBytes(key));
    }

    private static string Payload(Guid userId, EmailCategory category) => $"{userId:N}.{category.Name()}";

    private byte[] Sign(string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("unsubscribe:v1:" + payload));
}
