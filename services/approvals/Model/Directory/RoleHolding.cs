namespace Platform.Approvals.Model.Directory;

/// <summary>
/// A custom role granted to a member (membership's grant). Scope is lowercase: organization, unit
/// (ScopeUnitId and below) or own. Membership's events about a grant arrive in any order: the first
/// one creates the row with what it carries, and a revocation (of the grant, or of the whole
/// membership after the grant) is a tombstone: the row keeps its revocation time and the grant,
/// however late it arrives, does not bring it back. A grant id is granted once, so a revoked grant
/// stays revoked; granting the role again is a new grant.
/// </summary>
public sealed class RoleHolding
{
    public Guid GrantId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid RoleId { get; private set; }
    public string Scope { get; private set; } = "";
    public Guid? ScopeUnitId { get; private set; }
    /// <summary>Null until the grant's own event arrives.</summary>
    public DateTimeOffset? GrantedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    private RoleHolding() { }

    public static RoleHolding Of(Guid grantId, Guid organizationId, Guid userId, Guid roleId, string scope, Guid? scopeUnitId) => new()
    {
        GrantId = grantId,
        OrganizationId = organizationId,
        UserId = userId,
        RoleId = roleId,
        Scope = scope.ToLowerInvariant(),
        ScopeUnitId = scopeUnitId,
    };

    /// <summary>In force: its grant has arrived and nothing revoked it.</summary>
    public bool InForce => GrantedAt is not null && RevokedAt is null;

    /// <summary>
    /// The grant's own event. <paramref name="membershipRevokedAt"/> is the member's latest revocation:
    /// a grant made before it ended with it, even when the revocation arrived first.
    /// </summary>
    public void Grant(DateTimeOffset at, DateTimeOffset? membershipRevokedAt)
    {
        GrantedAt = at;
        if (membershipRevokedAt is { } revoked && revoked >= at) Revoke(revoked);
    }

    /// <summary>The first revocation known stays: a grant ends once.</summary>
    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is null || at < RevokedAt) RevokedAt = at;
    }

    /// <summary>The membership was revoked at <paramref name="at"/>: a grant not known to be newer ends with it.</summary>
    public void EndWithMembership(DateTimeOffset at)
    {
        if (GrantedAt is null || GrantedAt <= at) Revoke(at);
    }
}
