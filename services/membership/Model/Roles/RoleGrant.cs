namespace Platform.Membership.Model.Roles;

/// <summary>
/// A custom role given to one member over a scope: the whole organization, a unit subtree
/// (<see cref="ScopeUnitId"/>) or their own records. It lives and dies with the membership.
/// </summary>
public sealed class RoleGrant
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid RoleId { get; private set; }
    public GrantScope Scope { get; private set; }
    public Guid? ScopeUnitId { get; private set; }
    public Guid GrantedBy { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }

    private RoleGrant() { }

    public static RoleGrant Create(CustomRole role, Guid userId, GrantScope scope, Guid? scopeUnitId, Guid grantedBy, DateTimeOffset now)
    {
        if (ScopeProblem(scope, scopeUnitId) is { } problem) throw new ArgumentException(problem, nameof(scopeUnitId));
        return new RoleGrant
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = role.OrganizationId,
            UserId = userId,
            RoleId = role.Id,
            Scope = scope,
            ScopeUnitId = scopeUnitId,
            GrantedBy = grantedBy,
            GrantedAt = now,
        };
    }

    /// <summary>A unit scope names its unit; the others name none. Returns what is wrong, or null.</summary>
    public static string? ScopeProblem(GrantScope scope, Guid? scopeUnitId) => scope switch
    {
        GrantScope.Unit when scopeUnitId is null => "A unit scope needs the unitId of the subtree it covers.",
        not GrantScope.Unit when scopeUnitId is not null => "Only a unit scope takes a unitId.",
        _ => null,
    };
}
