using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Roles;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Membership.Application;

/// <summary>
/// Who the caller is inside one organization. Null when the organization does not exist or the
/// caller is not an active member of it: endpoints answer 404 either way, so nobody learns what
/// another tenant has.
/// </summary>
public sealed class OrganizationAccess(MembershipDbContext db)
{
    public async Task<Caller?> ForAsync(Guid organizationId, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.UserId();
        if (!principal.MayActIn(organizationId)) return null;
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null) return null;

        var member = await db.Members.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        if (principal.HasClaim(InternalClaims.PlatformAdmin, "true")) return new Caller(organization, member, Actor.PlatformAdministrator(userId));
        if (member is not { State: MemberState.Active }) return null;

        var rolePermissions = (await db.HeldByAsync(organizationId, [userId], cancellationToken))
            .Where(g => g.Scope == GrantScope.Organization).Select(g => g.Role.Permissions);
        return new Caller(organization, member, member.AsActor(await ScopePathAsync(member, cancellationToken)), rolePermissions.SelectMany(p => p).ToHashSet());
    }

    public async Task<string?> ScopePathAsync(Member member, CancellationToken cancellationToken) =>
        member.ScopeUnitId is { } unitId
            ? await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>A member as the target of an administrative action, with the paths of their units.</summary>
    public async Task<Target> TargetAsync(Member member, CancellationToken cancellationToken)
    {
        var unitIds = member.Units.Select(u => u.UnitId).ToList();
        var paths = await db.Units.Where(u => unitIds.Contains(u.Id)).Select(u => u.Path).ToListAsync(cancellationToken);
        return new Target(member.UserId, member.Rank, paths);
    }

    /// <summary>Everything the caller holds and where: their rank, then each role grant of theirs or of their units.</summary>
    public async Task<List<Holding>> HoldingsAsync(Caller caller, CancellationToken cancellationToken)
    {
        var organizationKeys = caller.Actor.Rank == Rank.Admin && !caller.Actor.PlatformAdmin
            ? await db.OrganizationPermissions.Where(p => p.OrganizationId == caller.Organization.Id).Select(p => p.Key).ToListAsync(cancellationToken)
            : [];
        var holdings = new List<Holding> { Holding.OfRank(caller.Actor, organizationKeys) };
        if (caller.Actor.PlatformAdmin) return holdings;
        var grants = await db.HeldByAsync(caller.Organization.Id, [caller.Actor.UserId], cancellationToken);
        holdings.AddRange(grants.Select(g => new Holding(g.Label, g.Scope, g.ScopeUnitPath, g.Role.Permissions.ToHashSet())));
        return holdings;
    }

    /// <summary>
    /// Whose memberships the caller may see: everyone where they hold members.read over the whole
    /// organization; otherwise the members of the units (with their sub-units) where they hold it, by
    /// their rank's scope or a role granted over a unit, and themselves.
    /// </summary>
    public async Task<MemberVisibility> VisibilityAsync(Caller caller, CancellationToken cancellationToken)
    {
        // Every rank holds members.read: unscoped, the rank alone answers without another query.
        if (caller.Actor.ScopePath is null || caller.RolePermissions?.Contains(Permissions.MembersRead) == true) return MemberVisibility.Everyone;
        var holdings = (await HoldingsAsync(caller, cancellationToken)).Where(h => h.Includes(Permissions.MembersRead)).ToList();
        if (holdings.Any(h => h.Scope == GrantScope.Organization)) return MemberVisibility.Everyone;
        var paths = holdings.Where(h => h.Scope == GrantScope.Unit && h.UnitPath is not null).Select(h => h.UnitPath!).ToList();
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == caller.Organization.Id).Select(u => new { u.Id, u.Path }).ToListAsync(cancellationToken);
        return new MemberVisibility(caller.Actor.UserId, units.Where(u => paths.Any(p => u.Path.StartsWith(p, StringComparison.Ordinal))).Select(u => u.Id).ToList());
    }
}

/// <summary>
/// The caller inside an organization: the organization, their membership (if any), their authority,
/// and the permissions their custom roles give them over the whole organization.
/// </summary>
public sealed record Caller(Organization Organization, Member? Membership, Actor Actor, IReadOnlySet<string>? RolePermissions = null)
{
    /// <summary>
    /// Whether the caller holds a permission for membership's own endpoints: through their rank (over
    /// its scope, which endpoints still check with <see cref="Actor.Covers"/>) or through a role
    /// granted over the whole organization, to them or to a unit they are in. Roles granted over a
    /// unit or over own records count only in the authorization API, which is asked about a unit or a
    /// record, and for members.read in <see cref="OrganizationAccess.VisibilityAsync"/>. Whom someone may administer
    /// is still decided by rank (<see cref="Delegation"/>), never by a custom role.
    /// </summary>
    public bool Holds(string permission) =>
        Actor.PlatformAdmin || Permissions.RankHolds(Actor.Rank, permission) || RolePermissions?.Contains(permission) == true;

    public bool IsArchived => Organization.State == OrganizationState.Archived;
}
