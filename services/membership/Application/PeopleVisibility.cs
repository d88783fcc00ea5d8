using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Membership.Application;

/// <summary>
/// Whom the caller may see outside one organization's endpoints: themselves; anyone who belongs to an
/// organization where the caller is an active member and may see them there (every rank holds
/// members.read, over the whole organization or, for a rank scoped to a unit, over that unit's subtree,
/// which roles granted over other units widen: <see cref="OrganizationAccess.VisibilityAsync"/>);
/// everyone, for a platform administrator (who may open any organization). Anybody else answers like an
/// id that does not exist, since ids are time-ordered and can be guessed in bulk.
/// </summary>
public static class PeopleVisibility
{
    public static async Task<bool> MaySeeAsync(this MembershipDbContext db, ClaimsPrincipal caller, Guid personId, CancellationToken cancellationToken)
    {
        var callerId = caller.UserId();
        if (callerId == personId || caller.HasClaim(InternalClaims.PlatformAdmin, "true")) return true;
        var bound = caller.ClientOrganizationId();
        var shared = await db.Members.AsNoTracking()
            .Where(mine => mine.UserId == callerId && (bound == null || mine.OrganizationId == bound) && mine.State == MemberState.Active
                && db.Members.Any(theirs => theirs.OrganizationId == mine.OrganizationId && theirs.UserId == personId))
            .Select(mine => new { mine.OrganizationId, Scoped = mine.ScopeUnitId != null })
            .ToListAsync(cancellationToken);
        if (shared.Any(s => !s.Scoped)) return true;

        // Only where the caller's rank is scoped to a unit does the person's place in the organization matter.
        var access = new OrganizationAccess(db);
        foreach (var organizationId in shared.Select(s => s.OrganizationId))
        {
            if (await access.ForAsync(organizationId, caller, cancellationToken) is not { } inOrganization) continue;
            var person = await db.Members.AsNoTracking().SingleAsync(m => m.OrganizationId == organizationId && m.UserId == personId, cancellationToken);
            if ((await access.VisibilityAsync(inOrganization, cancellationToken)).Sees(person)) return true;
        }

        return false;
    }
}
