using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Application;

/// <summary>
/// A custom role someone holds in an organization: granted to them, or to a unit they are in or under
/// (<see cref="ThroughUnitId"/>), which counts only while they are there.
/// </summary>
public sealed record HeldGrant(
    Guid UserId, Guid GrantId, CustomRole Role, GrantScope Scope, Guid? ScopeUnitId, string? ScopeUnitName, string? ScopeUnitPath,
    Guid? ThroughUnitId, string? ThroughUnitName, Guid GrantedBy, DateTimeOffset GrantedAt)
{
    /// <summary>How answers name it: "role Dispatcher", or "role Dispatcher through unit North".</summary>
    public string Label => ThroughUnitId is null ? $"role {Role.Name}" : $"role {Role.Name} through unit {ThroughUnitName}";

    public string Explanation => GrantScopes.Describe(Label, Scope, ScopeUnitName);
}

public static class HeldGrants
{
    /// <summary>
    /// The grants some members hold, their own first, then those of their units; with
    /// <paramref name="permission"/>, only grants whose role holds it.
    /// </summary>
    public static async Task<List<HeldGrant>> HeldByAsync(
        this MembershipDbContext db, Guid organizationId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken, string? permission = null)
    {
        var roles = db.CustomRoles.AsNoTracking().Where(r => permission == null || r.Permissions.Contains(permission));
        var own = await db.RoleGrants.AsNoTracking()
            .Where(g => g.OrganizationId == organizationId && userIds.Contains(g.UserId))
            .Join(roles, g => g.RoleId, r => r.Id, (g, r) => new { g, r })
            .Select(x => new { x.g, x.r, Scope = db.Units.Where(u => u.Id == x.g.ScopeUnitId).Select(u => new { u.Name, u.Path }).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var throughUnits = await (
                from g in db.UnitRoleGrants.AsNoTracking()
                where g.OrganizationId == organizationId
                join holder in db.Units on g.UnitId equals holder.Id
                join r in roles on g.RoleId equals r.Id
                from m in db.Members
                where m.OrganizationId == organizationId && userIds.Contains(m.UserId)
                    && m.Units.Any(mu => db.Units.Any(u => u.Id == mu.UnitId && u.Path.StartsWith(holder.Path)))
                select new { m.UserId, g, r, Holder = holder.Name, Scope = db.Units.Where(u => u.Id == g.ScopeUnitId).Select(u => new { u.Name, u.Path }).FirstOrDefault() })
            .ToListAsync(cancellationToken);

        return own.Select(x => new HeldGrant(x.g.UserId, x.g.Id, x.r, x.g.Scope, x.g.ScopeUnitId, x.Scope?.Name, x.Scope?.Path, null, null, x.g.GrantedBy, x.g.GrantedAt))
            .Concat(throughUnits.Select(x => new HeldGrant(
                x.UserId, x.g.Id, x.r, x.g.Scope, x.g.ScopeUnitId, x.Scope?.Name, x.Scope?.Path, x.g.UnitId, x.Holder, x.g.GrantedBy, x.g.GrantedAt)))
            .ToList();
    }
}
