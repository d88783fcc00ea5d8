namespace Platform.Membership.Model.Roles;

/// <summary>
/// A custom role given to a unit (a workgroup, a department) over a scope: everyone in the unit or one of
/// its sub-units holds it while they are there, as a Keycloak subgroup inherits its parent group's role
/// mappings. Nothing is copied onto the members, so leaving the unit ends the access at once.
/// </summary>
public sealed class UnitRoleGrant
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    /// <summary>The unit whose members (and whose sub-units' members) hold the role.</summary>
    public Guid UnitId { get; private set; }
    public Guid RoleId { get; private set; }
    public GrantScope Scope { get; private set; }
    public Guid? ScopeUnitId { get; private set; }
    public Guid GrantedBy { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }

    private UnitRoleGrant() { }

    /// <summary>Grants the role to the unit; the role and the unit must be the same organization's.</summary>
    public static UnitRoleGrant Create(CustomRole role, Unit holder, GrantScope scope, Guid? scopeUnitId, Guid grantedBy, DateTimeOffset now)
    {
        if (holder.OrganizationId != role.OrganizationId) throw new ArgumentException("A role is granted only to a unit of its own organization.", nameof(holder));
        if (RoleGrant.ScopeProblem(scope, scopeUnitId) is { } problem) throw new ArgumentException(problem, nameof(scopeUnitId));
        return new UnitRoleGrant
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = role.OrganizationId,
            UnitId = holder.Id,
            RoleId = role.Id,
            Scope = scope,
            ScopeUnitId = scopeUnitId,
            GrantedBy = grantedBy,
            GrantedAt = now,
        };
    }
}
