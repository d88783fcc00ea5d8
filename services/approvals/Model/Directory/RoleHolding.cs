namespace Platform.Approvals.Model.Directory;

/// <summary>
/// A custom role granted to a member (membership's grant), by the role's name. Scope is lowercase:
/// organization, unit (ScopeUnitId and below) or own.
/// </summary>
public sealed class RoleHolding
{
    public Guid GrantId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid RoleId { get; private set; }
    public string RoleName { get; private set; } = "";
    public string Scope { get; private set; } = "";
    public Guid? ScopeUnitId { get; private set; }

    private RoleHolding() { }

    public static RoleHolding Granted(Guid grantId, Guid organizationId, Guid userId, Guid roleId, string roleName, string scope, Guid? scopeUnitId) => new()
    {
        GrantId = grantId,
        OrganizationId = organizationId,
        UserId = userId,
        RoleId = roleId,
        RoleName = roleName,
        Scope = scope.ToLowerInvariant(),
        ScopeUnitId = scopeUnitId,
    };

    public void RenameRole(string name) => RoleName = name;
}
