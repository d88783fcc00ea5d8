using Platform.Membership.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Infrastructure;

/// <summary>The accounts this service knows from identity's events (<see cref="DirectoryUser"/>).</summary>
public static class UserDirectory
{
    /// <summary>Row-locks the account's copy, or starts one for an account not seen yet.</summary>
    public static Task<DirectoryUser> LockUserAsync(this MembershipDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.LockOrAddAsync(userId, () => DirectoryUser.Unknown(userId), cancellationToken);
}
