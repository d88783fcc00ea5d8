using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Approvals.Application;

/// <summary>
/// Whom the caller may see outside one organization's endpoints: themselves; anyone who belongs to an
/// organization where the caller is a member who is not suspended (every rank may see its
/// organization's members); everyone, for a platform administrator. Anybody else answers like an id
/// that does not exist, since ids are time-ordered and can be guessed in bulk.
/// </summary>
public static class PeopleVisibility
{
    public static async Task<bool> MaySeeAsync(this ApprovalsDbContext db, ClaimsPrincipal caller, Guid personId, CancellationToken cancellationToken)
    {
        var callerId = caller.UserId();
        if (callerId == personId || caller.HasClaim(InternalClaims.PlatformAdmin, "true")) return true;
        var bound = caller.ClientOrganizationId();
        return await db.Members.AnyAsync(mine => mine.UserId == callerId && (bound == null || mine.OrganizationId == bound) && !mine.Suspended
            && db.Members.Any(theirs => theirs.OrganizationId == mine.OrganizationId && theirs.UserId == personId), cancellationToken);
    }
}
