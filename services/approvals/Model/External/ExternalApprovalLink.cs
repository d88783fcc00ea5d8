using System.Security.Cryptography;
using System.Text;

namespace Platform.Approvals.Model.External;

/// <summary>
/// The one-time link an external approver gets by email. Only SHA-256 hashes of its secrets are kept.
/// The first visit uses the link up and hands out a nonce bound to that one view; the decision form
/// posts it back, once, within <see cref="NonceLifetime"/>. A newer link for the request voids this one.
/// </summary>
public sealed class ExternalApprovalLink
{
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(30);
    private const int SecretBytes = 32;

    public Guid Id { get; private set; }
    public Guid RequestId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Email { get; private set; } = "";
    public byte[] TokenHash { get; private set; } = [];
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? VoidedAt { get; private set; }
    public DateTimeOffset? ViewedAt { get; private set; }
    public byte[]? NonceHash { get; private set; }
    public DateTimeOffset? NonceExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    private ExternalApprovalLink() { }

    public static (ExternalApprovalLink Link, string Token) Issue(Guid requestId, Guid organizationId, string email, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var token = NewSecret();
        return (new ExternalApprovalLink
        {
            Id = Guid.CreateVersion7(now),
            RequestId = requestId,
            OrganizationId = organizationId,
            Email = email,
            TokenHash = Hash(token),
            IssuedAt = now,
            ExpiresAt = expiresAt,
        }, token);
    }

    /// <summary>The first view: the link is used up and the form gets a nonce. Null with the reason when refused.</summary>
    public (string? Nonce, string? Refusal) Open(DateTimeOffset now)
    {
        if (Refusal(now) is { } refusal) return (null, refusal);
        if (ViewedAt is not null) return (null, "This link has been used already; it shows the request only once.");
        var nonce = NewSecret();
        ViewedAt = now;
        NonceHash = Hash(nonce);
        NonceExpiresAt = now + NonceLifetime;
        return (nonce, null);
    }

    /// <summary>The decision form came back: the nonce of the one view, unused and in time. Null when accepted.</summary>
    public string? Redeem(string? nonce, DateTimeOffset now)
    {
        if (VoidedAt is not null) return "This link was replaced by a newer one.";
        if (UsedAt is not null) return "A decision was made with this link already.";
        if (NonceHash is null || string.IsNullOrEmpty(nonce) || !CryptographicOperations.FixedTimeEquals(NonceHash, Hash(nonce)))
            return "This form is not valid; open the link from the email again.";
        if (now >= NonceExpiresAt) return "This form has expired (it is valid for 30 minutes).";
        UsedAt = now;
        return null;
    }

    public void Void(DateTimeOffset now) => VoidedAt ??= now;

    public bool IsLive(DateTimeOffset now) => VoidedAt is null && UsedAt is null && now < ExpiresAt;

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private string? Refusal(DateTimeOffset now) =>
        VoidedAt is not null ? "This link was replaced by a newer one."
        : UsedAt is not null ? "A decision was made with this link already."
        : now >= ExpiresAt ? "This link has expired."
        : null;

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
