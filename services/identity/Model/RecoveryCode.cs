using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Model;

/// <summary>
/// A single-use way in when the authenticator is lost: 50 random bits, shown once, stored as SHA-256
/// (enough for a random secret whose guessing is capped by the login lockout).
/// </summary>
public sealed class RecoveryCode
{
    public const int CountPerUser = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string CodeHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    private RecoveryCode() { }

    /// <summary>A fresh set: the entities to store and the codes to show once.</summary>
    public static (List<RecoveryCode> Codes, List<string> Shown) NewSet(Guid userId, DateTimeOffset now)
    {
        var codes = new List<RecoveryCode>();
        var shown = new List<string>();
        for (var i = 0; i < CountPerUser; i++)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, 10);
            shown.Add($"{code[..5]}-{code[5..]}");
            codes.Add(new RecoveryCode { Id = Guid.CreateVersion7(now), UserId = userId, CodeHash = Hash(code), CreatedAt = now });
        }

        return (codes, shown);
    }

    /// <summary>The hash of what a user typed: case, spaces and the dash do not matter.</summary>
    public static string Hash(string typed)
    {
        var normalized = new string(typed.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
