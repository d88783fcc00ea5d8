namespace Platform.Identity.Model;

/// <summary>
/// Identity's copy of one custom role granted to a member, learnt from membership's events, so tokens with scope
/// <c>organizations</c> name the member's roles (the name lives on <see cref="KnownRole"/>). A revocation that
/// overtakes its grant stays a revocation: a grant id is never granted again.
/// </summary>
public sealed class OrganizationRoleGrant
{
    public Guid GrantId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid RoleId { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; } = DateTimeOffset.MinValue;
    public DateTimeOffset? RevokedAt { get; private set; }

    private OrganizationRoleGrant() { }

    public static OrganizationRoleGrant Learn(Guid grantId, Guid organizationId, Guid userId, Guid roleId) =>
        new() { GrantId = grantId, OrganizationId = organizationId, UserId = userId, RoleId = roleId };

    /// <summary>In force: its grant has arrived and no revocation has.</summary>
    public bool IsInForce => GrantedAt > DateTimeOffset.MinValue && RevokedAt is null;

    public void Grant(DateTimeOffset at) => GrantedAt = at;

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;

    /// <summary>
    /// Whether the grant belongs to <paramref name="membership"/> as it is now. A grant lives and dies with its
    /// membership, so one from before the membership's latest grant went with an earlier membership (membership sends
    /// no revocation for each grant a revoked membership takes with it).
    /// </summary>
    public bool HoldsIn(OrganizationMembership membership) =>
        IsInForce && membership.IsActive && membership.OrganizationId == OrganizationId && membership.UserId == UserId && GrantedAt >= membership.GrantedAt;
}
