using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Application;

/// <summary>The moves a platform administrator makes on an account; the rules of each are on <see cref="User"/>.</summary>
public enum AccountMove { Suspend, Reactivate, Unlock, Archive, Restore, Delete }

public abstract record AdministrationResult
{
    public sealed record Done : AdministrationResult;
    /// <summary>Another account has the address (administrators may learn it; the public sign-up never says).</summary>
    public sealed record EmailTaken : AdministrationResult;
    public sealed record Refused(string Reason) : AdministrationResult;
}

/// <summary>
/// Platform administrators' changes to other people's accounts. Each is audited with the
/// administrator as actor and publishes what other services need; sessions end after the commit,
/// so a failed save never logs anyone out. No free-text reasons are taken: audit rows and events
/// outlive the account's personal data, and free text cannot be trusted to hold none.
/// </summary>
public sealed class UserAdministration(
    IdentityDbContext db, AccountChanges changes, PasswordReset reset, SessionStore sessions, PasswordHasher hasher,
    IEventOutbox outbox, AuditTrail audit, TimeProvider time)
{
    public Task<User?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);

    /// <summary>
    /// With an initial password the account is active and must change it at first login; without,
    /// it is pending and its owner gets a set-password link. Inputs are already normalized and checked.
    /// </summary>
    /// <remarks>With <paramref name="organizationId"/>, the organization creates it and manages it; membership makes it a member.</remarks>
    public async Task<(AdministrationResult Result, User? User)> CreateAsync(
        string email, string firstName, string lastName, string? initialPassword, Guid actorId, CancellationToken cancellationToken,
        Guid? organizationId = null)
    {
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken)) return (new AdministrationResult.EmailTaken(), null);

        var hash = initialPassword is null ? null : hasher.Hash(initialPassword);
        var now = time.GetUtcNow();
        var user = organizationId is { } organization
            ? User.CreateByOrganization(organization, email, firstName, lastName, hash, now)
            : User.CreateByAdministrator(email, firstName, lastName, hash, now);
        db.Users.Add(user);
        outbox.Add(new UserRegistered(user.Id, user.Email, user.FirstName, user.LastName, user.CreatedAt));
        if (organizationId is { } managedBy) outbox.Add(new ManagedAccountCreated(managedBy, user.Id, actorId, now));
        if (initialPassword is null) await reset.SendLinkAsync(user, accountSetup: true);
        audit.Record(AuditActions.CreatedByAdministrator, actorId, user.Id, initialPassword is null ? "set-password link sent" : "initial password set");
        return await SaveAsync(cancellationToken) is { } taken ? (taken, null) : (new AdministrationResult.Done(), user);
    }

    /// <summary>An administrator's address change applies at once: no confirmation link, the old address is told by the event.</summary>
    public async Task<AdministrationResult> EditAsync(
        User user, string firstName, string lastName, string email, Guid actorId, CancellationToken cancellationToken)
    {
        if (user.State == UserState.Deleted) return new AdministrationResult.Refused("A deleted account keeps no personal data and cannot be edited.");
        if (email != user.Email && await db.Users.AnyAsync(u => u.Email == email, cancellationToken)) return new AdministrationResult.EmailTaken();

        if (changes.Rename(user, firstName, lastName)) audit.Record(AuditActions.EditedByAdministrator, actorId, user.Id, "name");

        if (email != user.Email)
        {
            var oldEmail = user.Email;
            var now = time.GetUtcNow();
            user.ChangeEmail(email, now);
            audit.Record(AuditActions.EmailChanged, actorId, user.Id); // no addresses: audit rows outlive personal data
            outbox.Add(new EmailChanged(user.Id, oldEmail, user.Email, now));
        }

        return await SaveAsync(cancellationToken) ?? new AdministrationResult.Done();
    }

    /// <summary>Emails the owner a reset link (a set-password link when the account has no password yet).</summary>
    public async Task<AdministrationResult> SendPasswordLinkAsync(User user, Guid actorId, CancellationToken cancellationToken)
    {
        // The same states in which the link can be used (PasswordReset.ResetAsync).
        if (user.State is not (UserState.Active or UserState.Locked or UserState.Pending))
        {
            return new AdministrationResult.Refused($"{Articles.CapitalA(User.Name(user.State))} account cannot reset its password.");
        }

        await reset.SendLinkAsync(user, accountSetup: user.PasswordHash is null);
        audit.Record(AuditActions.PasswordResetRequested, actorId, user.Id, "link sent by an administrator");
        await db.SaveChangesAsync(cancellationToken);
        return new AdministrationResult.Done();
    }

    /// <summary>
    /// A password the owner must replace at the next login. The administrator chose it, so it is
    /// not the owner's own; every session ends. The password already passed <see cref="PasswordRules"/>.
    /// </summary>
    public async Task<(AdministrationResult Result, int SessionsEnded)> SetTemporaryPasswordAsync(
        User user, string temporaryPassword, Guid actorId, CancellationToken cancellationToken)
    {
        if (user.State is UserState.Deleted or UserState.Archived or UserState.Inactive)
        {
            return (new AdministrationResult.Refused($"{Articles.CapitalA(User.Name(user.State))} account cannot be given a password."), 0);
        }

        var now = time.GetUtcNow();
        user.SetTemporaryPassword(hasher.Hash(temporaryPassword), now);
        audit.Record(AuditActions.TemporaryPasswordSet, actorId, user.Id);
        outbox.Add(new PasswordChanged(user.Id, user.Email, user.FirstName, now, "set-by-administrator"));
        await db.SaveChangesAsync(cancellationToken);
        return (new AdministrationResult.Done(), await sessions.EndAllAsync(user.Id));
    }

    public async Task<int> EndSessionsAsync(User user, Guid actorId, CancellationToken cancellationToken)
    {
        var ended = await sessions.EndAllAsync(user.Id);
        audit.Record(AuditActions.SessionsEndedByAdministrator, actorId, user.Id, $"{ended} ended");
        await db.SaveChangesAsync(cancellationToken);
        return ended;
    }

    /// <summary>Makes the move if the account's state allows it; a refusal is returned, not thrown.</summary>
    public async Task<StateChange> ChangeStateAsync(User user, AccountMove move, Guid actorId, CancellationToken cancellationToken)
    {
        // An administrator locking themselves out leaves nobody to undo it.
        if (user.Id == actorId && move is AccountMove.Suspend or AccountMove.Archive or AccountMove.Delete)
        {
            return StateChange.Refused(user.State, $"Administrators cannot {move.ToString().ToLowerInvariant()} their own account.");
        }

        var now = time.GetUtcNow();
        var change = move switch
        {
            AccountMove.Suspend => user.Suspend(),
            AccountMove.Reactivate => user.Reactivate(),
            AccountMove.Unlock => user.Unlock(),
            AccountMove.Archive => user.Archive(),
            AccountMove.Restore => user.Restore(),
            AccountMove.Delete => user.Delete(now),
            _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
        };
        if (!change.Succeeded) return change;

        changes.Record(user, change, $"{Verb(move)} by an administrator", actorId);
        if (move == AccountMove.Delete) await ForgetAsync(user, now, cancellationToken);
        else await db.SaveChangesAsync(cancellationToken);

        if (change.EndsSessions) await sessions.EndAllAsync(user.Id);
        return change;
    }

    /// <summary>
    /// Deletion, in one transaction with the anonymized row: no table of this service keeps the
    /// person's data. Audit rows keep the ids (history stays intact) but lose the addresses and
    /// user agents the person's own requests left; rows of another administrator's actions keep
    /// that administrator's address, which is theirs and what makes the trail accountable.
    /// </summary>
    private async Task ForgetAsync(User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        outbox.Add(new UserDeleted(user.Id, now));
        var id = user.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Link secrets and the addresses being proven (email change) go entirely.
        await db.AccountTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(cancellationToken);
        await db.InvitationLinks.Where(l => l.UserId == id).ExecuteDeleteAsync(cancellationToken);

        await db.AuditEntries
            .Where(a => a.ActorId == id || (a.TargetUserId == id && (a.ActorId == null || a.ActorId == id)))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.ClientAddress, (string?)null).SetProperty(a => a.UserAgent, (string?)null), cancellationToken);

        // Events that carried the address or names: sent ones are history nobody needs; unsent ones
        // about this account would announce (or mail a link to) an account that no longer exists,
        // and the UserDeleted written below supersedes them. Unsent events about others that only
        // name this account as their actor carry just the id and still go out.
        var idText = id.ToString();
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM "OutboxMessages"
            WHERE "Body"::text LIKE '%' || {idText} || '%'
              AND ("SentAt" IS NOT NULL OR "Body" ->> 'userId' = {idText})
            """, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Verb(AccountMove move) => move switch
    {
        AccountMove.Suspend => "suspended",
        AccountMove.Reactivate => "reactivated",
        AccountMove.Unlock => "unlocked",
        AccountMove.Archive => "archived",
        AccountMove.Restore => "restored",
        _ => "deleted",
    };

    /// <summary>Saves; a concurrent change that took the same address answers as a taken address.</summary>
    private async Task<AdministrationResult?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return new AdministrationResult.EmailTaken();
        }
    }
}
