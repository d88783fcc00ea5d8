using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
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
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null) return null;

        var member = await db.Members.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        if (principal.HasClaim(InternalClaims.PlatformAdmin, "true")) return new Caller(organization, member, Actor.PlatformAdministrator(userId));
        if (member is not { State: MemberState.Active }) return null;

        return new Caller(organization, member, member.AsActor(await ScopePathAsync(member, cancellationToken)));
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
}

/// <summary>The caller inside an organization: the organization, their membership (if any) and their authority.</summary>
public sealed record Caller(Organization Organization, Member? Membership, Actor Actor)
{
    public bool Holds(string permission) => Actor.PlatformAdmin || Permissions.OfRank(Actor.Rank).Contains(permission);

    public bool IsArchived => Organization.State == OrganizationState.Archived;
}
