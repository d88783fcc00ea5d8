using Microsoft.EntityFrameworkCore;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;

namespace Platform.Identity.Application;

/// <summary>
/// Platform administrators making others platform administrators and taking it back. The role rides
/// in each session (the gateway reads it from there), so a revocation ends the account's sessions;
/// a grant is seen from the next login on.
/// </summary>
public sealed class PlatformAdministrators(IdentityDbContext db, SessionStore sessions, AuditTrail audit)
{
    // One lock for every change of the role: two administrators revoking each other at once must not
    // both see the other one remaining.
    private const long RoleLock = 0x706c_6174_6164_6d;

    public async Task<RoleChange> GrantAsync(User user, Guid actorId, CancellationToken cancellationToken)
    {
        var change = user.MakePlatformAdmin();
        if (!change.Changes) return change;
        audit.Record(AuditActions.PlatformAdminGranted, actorId, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        return change;
    }

    public async Task<RoleChange> RevokeAsync(User user, Guid actorId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RoleLock})", cancellationToken);
        await db.Entry(user).ReloadAsync(cancellationToken);
        var others = await db.Users.CountAsync(
            u => u.IsPlatformAdmin && u.Id != user.Id && (u.State == UserState.Active || u.State == UserState.Locked || u.State == UserState.Pending),
            cancellationToken);
        var change = user.RevokePlatformAdmin(others);
        if (!change.Changes) return change;

        audit.Record(AuditActions.PlatformAdminRevoked, actorId, user.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await sessions.EndAllAsync(user.Id);
        return change;
    }
}
