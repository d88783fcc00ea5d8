using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model.JoinRequests;

namespace Platform.Membership.Application;

/// <summary>What asking to join may do: file a request under <see cref="Token"/>, repeat a retried ask, or be refused by <see cref="Standing"/>.</summary>
public sealed record JoinClaim(PendingJoinRequest? Token, PendingJoinRequest? Standing)
{
    public bool IsRetry(string? idempotencyKey) => Standing?.IsRetryOf(idempotencyKey) == true;
}

/// <summary>
/// The join requests membership files with approvals, one pending per person and organization. The claim is
/// committed before approvals is asked, so of two asks racing each other the unique index lets one through;
/// it is then completed with approvals' request id, or released when approvals files nothing. Updates are
/// conditional on the claim's time, so a claim taken over after <see cref="PendingJoinRequest.FilingTimeout"/>
/// is not overwritten by the ask that abandoned it.
/// </summary>
public sealed class JoinRequestClaims(MembershipDbContext db, TimeProvider time)
{
    public async Task<JoinClaim> ClaimAsync(Guid organizationId, Guid userId, string? idempotencyKey, CancellationToken cancellationToken)
    {
        // PostgreSQL keeps microseconds: the claim's time must compare equal once stored.
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
        var claim = PendingJoinRequest.Claim(organizationId, userId, idempotencyKey, now);
        db.PendingJoinRequests.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new JoinClaim(claim, null);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(claim).State = EntityState.Detached;
        }

        var standing = await db.PendingJoinRequests.AsNoTracking().SingleOrDefaultAsync(r => r.OrganizationId == organizationId && r.UserId == userId, cancellationToken);
        if (standing is null || !standing.IsAbandonedAt(now)) return new JoinClaim(null, standing);
        var takenOver = await db.PendingJoinRequests
            .Where(r => r.Id == standing.Id && r.RequestId == null && r.ClaimedAt == standing.ClaimedAt)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.ClaimedAt, now).SetProperty(r => r.IdempotencyKey, idempotencyKey), cancellationToken);
        return takenOver == 1
            ? new JoinClaim(await db.PendingJoinRequests.AsNoTracking().SingleAsync(r => r.Id == standing.Id, cancellationToken), null)
            : new JoinClaim(null, standing);
    }

    public Task Filed(PendingJoinRequest token, Guid requestId, CancellationToken cancellationToken) =>
        Mine(token).ExecuteUpdateAsync(set => set.SetProperty(r => r.RequestId, requestId), cancellationToken);

    public Task Release(PendingJoinRequest token, CancellationToken cancellationToken) => Mine(token).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Approvals concluded a membership.join request (decided, expired, cancelled): the person may ask again. A claim
    /// still without an id is the same request, concluded before its filing was recorded (an automatic approval).
    /// </summary>
    public static Task Concluded(MembershipDbContext db, Guid organizationId, Guid requestId, Guid? requesterId, CancellationToken cancellationToken) =>
        db.PendingJoinRequests
            .Where(r => r.OrganizationId == organizationId && (r.RequestId == requestId || (r.RequestId == null && r.UserId == requesterId)))
            .ExecuteDeleteAsync(cancellationToken);

    private IQueryable<PendingJoinRequest> Mine(PendingJoinRequest token) =>
        db.PendingJoinRequests.Where(r => r.Id == token.Id && r.RequestId == null && r.ClaimedAt == token.ClaimedAt);
}
