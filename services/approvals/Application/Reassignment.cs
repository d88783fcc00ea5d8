using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Application;

/// <summary>
/// Someone's standing changed (rank, role, units, membership or account): each pending step they are
/// asked to decide and may no longer decide moves on by the policy, so no request is left without an
/// approver. Reads the projection as saved, so callers save their change first (same transaction).
/// </summary>
public sealed class Reassignment(ApprovalsDbContext db, RequestEventPublisher events, TimeProvider time)
{
    /// <summary>Everyone asked for a pending step in the organization: after a change that may touch many people (a unit's role).</summary>
    public Task ReviewApproversAsync(Guid organizationId, CancellationToken cancellationToken) => ReviewAsync(null, organizationId, cancellationToken);

    public Task ReviewAsync(Guid userId, Guid? organizationId, CancellationToken cancellationToken) => ReviewAsync([userId], organizationId, cancellationToken);

    /// <param name="userIds">Whose assignments to review; null: every approver's. One directory snapshot per organization.</param>
    private async Task ReviewAsync(IReadOnlyCollection<Guid>? userIds, Guid? organizationId, CancellationToken cancellationToken)
    {
        var requests = await db.Requests
            .Where(r => r.State == RequestState.Pending && (organizationId == null || r.OrganizationId == organizationId))
            .Where(r => r.Assignments.Any(a => a.State == AssignmentState.Pending && a.ApproverId != null && (userIds == null || userIds.Contains(a.ApproverId.Value))))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var organization in requests.GroupBy(r => r.OrganizationId))
        {
            var directory = await DirectorySnapshot.LoadAsync(db, organization.Key, cancellationToken);
            foreach (var request in organization)
            {
                var asked = request.PendingAssignments.Select(a => a.ApproverId).OfType<Guid>()
                    .Where(id => userIds == null || userIds.Contains(id)).Distinct().ToList();
                foreach (var userId in asked)
                {
                    if (directory.MayStillDecide(userId, request.Steps[request.CurrentStep], request.RequesterId)) continue;
                    var before = RequestBefore.Of(request);
                    if (request.Reassign(userId, directory, now))
                        await events.PublishAsync(request, before, RequestEventPublisher.Reassigned, null, now, cancellationToken);
                }
            }
        }
    }
}
