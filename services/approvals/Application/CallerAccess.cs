using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model;
using Platform.Approvals.Model.Directory;
using Platform.Approvals.Model.Requests;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Approvals.Application;

/// <summary>
/// Deny by default: the caller counts in an organization only as an active member whose account may
/// decide. Null otherwise, and endpoints answer 404, so nobody learns what another tenant has. The one
/// exception is a person asking to join (<see cref="JoinType"/>): they are not a member yet, and may
/// make that request and follow it, nothing else.
/// </summary>
public sealed class CallerAccess(ApprovalsDbContext db)
{
    /// <summary>The request type for joining an organization; membership grants it when approved.</summary>
    public const string JoinType = "membership.join";

    public async Task<CallerInOrganization?> InOrganizationAsync(
        Guid organizationId, ClaimsPrincipal principal, CancellationToken cancellationToken, bool mayBeProspect = false)
    {
        var userId = principal.UserId();
        if (!principal.MayActIn(organizationId)) return null;
        if (IsClientApp(principal))
        {
            // A client app acts only in the organization its token belongs to, as the requester of its own requests.
            if (principal.FindFirstValue(InternalClaims.ActiveOrganization) != organizationId.ToString()) return null;
            var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
            return organization is null ? null : new CallerInOrganization(userId, organization, null);
        }

        var found = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => new
            {
                Organization = o,
                Member = db.Members.FirstOrDefault(m => m.OrganizationId == o.Id && m.UserId == userId && !m.Suspended),
                // A custom role with approvals.read, granted over the whole organization (the query filters keep grants in force, roles not deleted).
                ReadsByRole = db.RoleHoldings.Any(h => h.OrganizationId == o.Id && h.UserId == userId && h.Scope == "organization"
                    && db.Roles.Any(r => r.Id == h.RoleId && r.ReadsRequests)),
                Blocked = db.Approvers.Any(a => a.UserId == userId && (a.AccountState == "suspended" || a.AccountState == "archived" || a.AccountState == "deleted")),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Blocked) return null;
        if (found.Member is null)
        {
            var known = mayBeProspect && !found.Organization.Archived && await db.Approvers.AnyAsync(a => a.UserId == userId, cancellationToken);
            return known ? new CallerInOrganization(userId, found.Organization, null) : null;
        }

        return new CallerInOrganization(userId, found.Organization, found.Member, found.ReadsByRole);
    }

    /// <summary>A request the caller may see (its requester, anyone ever asked to decide it, the organization's senior readers), or null.</summary>
    public async Task<(ApprovalRequest Request, CallerInOrganization Caller)?> RequestAsync(Guid requestId, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null) return null;
        var ownJoin = request.Type == JoinType && request.RequesterId == principal.UserId();
        var caller = await InOrganizationAsync(request.OrganizationId, principal, cancellationToken, mayBeProspect: ownJoin);
        if (caller is null) return null;
        var sees = caller.ReadsEveryRequest || request.RequesterId == caller.UserId || request.Assignments.Any(a => a.ApproverId == caller.UserId);
        return sees ? (request, caller) : null;
    }

    /// <summary>A client app's token: its subject is the app itself (client_id), not a person.</summary>
    private static bool IsClientApp(ClaimsPrincipal principal) =>
        principal.FindFirstValue(InternalClaims.Scope) is not null
        && principal.FindFirstValue(InternalClaims.ClientId) is { } clientId
        && clientId == principal.FindFirstValue(InternalClaims.Subject);
}

/// <summary>
/// The caller in one organization: a member (Membership set) or a client app of the organization (Membership null).
/// <see cref="ReadsByRole"/>: a custom role of theirs grants approvals.read over the whole organization.
/// </summary>
public sealed record CallerInOrganization(Guid UserId, OrganizationCopy Organization, MemberCopy? Membership, bool ReadsByRole = false)
{
    public bool IsAdmin => Membership?.IsAdmin == true;

    /// <summary>Senior managers (<see cref="MemberCopy.ReadsEveryRequest"/>) and holders of approvals.read read every request of the organization.</summary>
    public bool ReadsEveryRequest => Membership is not null && (Membership.ReadsEveryRequest || ReadsByRole);
}
