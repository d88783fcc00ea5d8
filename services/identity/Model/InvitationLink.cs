namespace Platform.Identity.Model;

/// <summary>
/// An invitation to an organization sent to an address without a usable account: its link lets the
/// person choose a password. Membership issues the secret; identity keeps only its SHA-256, and a
/// resend of the same invitation replaces it, so only the newest link works.
/// </summary>
public sealed class InvitationLink
{
    public Guid InvitationId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public string Email { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    /// <summary>When membership issued the current secret; an older resend arriving late does not replace it.</summary>
    public DateTimeOffset IssuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    private InvitationLink() { }

    public static InvitationLink Issue(Guid invitationId, Guid organizationId, User user, string secret, DateTimeOffset issuedAt, DateTimeOffset expiresAt) => new()
    {
        InvitationId = invitationId,
        OrganizationId = organizationId,
        UserId = user.Id,
        Email = user.Email,
        TokenHash = AccountToken.Hash(secret),
        IssuedAt = issuedAt,
        ExpiresAt = expiresAt,
    };

    /// <summary>A resend: the new secret replaces the old one, unless this copy is older than the one kept.</summary>
    public bool Reissue(string secret, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        if (issuedAt < IssuedAt) return false;
        TokenHash = AccountToken.Hash(secret);
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        return true;
    }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public bool TryUse(DateTimeOffset now)
    {
        if (!IsUsable(now)) return false;
        UsedAt = now;
        return true;
    }
}
