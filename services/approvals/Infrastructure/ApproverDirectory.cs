using Platform.Approvals.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.Infrastructure;

/// <summary>The accounts this service knows from identity's events (<see cref="Approver"/>).</summary>
public static class ApproverDirectory
{
    /// <summary>Row-locks the account's copy, or starts one for an account not seen yet (first seen <paramref name="at"/>).</summary>
    public static Task<Approver> LockApproverAsync(this ApprovalsDbContext db, Guid userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.LockOrAddAsync(userId, () => Approver.Unknown(userId, at), cancellationToken);
}
