using System.Security.Cryptography;
using System.Text;

namespace Platform.Identity.Model;

/// <summary>
/// A secret sent in a link: 256 bits from a CSPRNG, stored only as its SHA-256, single use, expiring.
/// Issuing one for a purpose voids the user's earlier unused ones for that purpose.
/// </summary>
public sealed class AccountToken
{
    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public TokenPurpose Purpose { get; private set; }
    public string TokenHash { get; private set; } = "";
    /// <summary>For <see cref="TokenPurpose.ChangeEmail"/>: the address being proven.</summary>
    public string? NewEmail { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    private AccountToken() { }

    public static (AccountToken Token, string Secret) Issue(Guid userId, TokenPurpose purpose, TimeSpan lifetime, DateTimeOffset now, string? newEmail = null)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new AccountToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Purpose = purpose,
            TokenHash = Hash(secret),
            NewEmail = newEmail,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (token, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    /// <summary>Uses the token up; false when it was used, voided or has expired.</summary>
    public bool TryUse(DateTimeOffset now)
    {
        if (!IsUsable(now)) return false;
        UsedAt = now;
        return true;
    }

    public void Void(DateTimeOffset now) => UsedAt ??= now;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
