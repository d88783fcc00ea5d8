using System.Security.Cryptography;
using System.Text;

namespace Platform.Notifications.Model;

/// <summary>
/// Standard Webhooks signing: secrets are <c>whsec_</c> + base64 of 32 random bytes, and the
/// <c>webhook-signature</c> header is <c>v1,</c> + base64(HMAC-SHA256(secret bytes, "{id}.{timestamp}.{body}")),
/// several space-separated while a rotated-out secret still signs.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(mac);
    }

    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(secret => Sign(secret, messageId, timestamp, body)));
}
