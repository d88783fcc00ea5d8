namespace Platform.Approvals.Model.Directory;

/// <summary>
/// A custom role granted to a unit (membership's unit grant): everyone in the unit or one of its sub-units holds it
/// while they are there. Scope as on <see cref="RoleHolding"/>. Events arrive in any order: a revocation is a
/// tombstone, and a grant arriving after it does not bring it back (a grant id is granted once).
/// </summary>
public sealed class UnitRoleHolding
{
    public Guid GrantId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UnitId { get; private set; }
    public Guid RoleId { get; private set; }
    public string Scope { get; private set; } = "";
    public Guid? ScopeUnitId { get; private set; }
    /// <summary>Null until the grant's own event arrives.</summary>
    public DateTimeOffset? GrantedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    private UnitRoleHolding() { }

    public static UnitRoleHolding Of(Guid grantId, Guid organizationId, Guid unitId, Guid roleId, string scope, Guid? scopeUnitId) => new()
    {
        GrantId = grantId,
        OrganizationId = organizationId,
        UnitId = unitId,
        RoleId = roleId,
        Scope = scope.ToLowerInvariant(),
        ScopeUnitId = scopeUnitId,
    };

    public bool InForce => GrantedAt is not null && RevokedAt is null;

    public void Grant(DateTimeOffset at) => GrantedAt = at;

    /// <summary>The first revocation known stays: a grant ends once.</summary>
    public void Revoke(DateTimeOffset at)
    {
        if (RevokedAt is null || at < RevokedAt) RevokedAt = at;
    }
}
