using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Application;

public abstract record PasswordResetResult
{
    public sealed record Done : PasswordResetResult;
    public sealed record InvalidLink : PasswordResetResult;
    public sealed record Unacceptable(string Problem) : PasswordResetResult;
}

/// <summary>Forgot-password links (single use, one hour) and the reset itself, which ends every session.</summary>
public sealed class PasswordReset(
    IdentityDbContext db, AccountTokens tokens, AccountChanges changes, SessionStore sessions, PasswordHasher hasher,
    PasswordRules rules, IEventOutbox outbox, AuditTrail audit, IOptions<AccountOptions> options, TimeProvider time)
{
    /// <summary>Sends a link when the address belongs to an account that may reset; silent otherwise.</summary>
    public async Task RequestAsync(string? email, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized)) return;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null || user.State is not (UserState.Active or UserState.Locked or UserState.Pending)) return;
        await SendLinkAsync(user, accountSetup: false);
        audit.Record(AuditActions.PasswordResetRequested, null, user.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Queues a reset link (or, for an account an administrator created, a set-password link).</summary>
    public async Task SendLinkAsync(User user, bool accountSetup)
    {
        var lifetime = accountSetup ? options.Value.VerificationLinkLifetime : options.Value.ResetLinkLifetime;
        var (token, secret) = await tokens.IssueAsync(user.Id, TokenPurpose.ResetPassword, lifetime);
        outbox.Add(new PasswordResetRequested(user.Id, user.Email, user.FirstName, secret, token.ExpiresAt, accountSetup));
    }

    public async Task<PasswordResetResult> ResetAsync(string? secret, string? newPassword, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(secret, TokenPurpose.ResetPassword);
        var user = token is null ? null : await db.Users.FindAsync([token.UserId], cancellationToken);
        if (user is null || user.State is not (UserState.Active or UserState.Locked or UserState.Pending))
        {
            return new PasswordResetResult.InvalidLink();
        }

        if (rules.Check(newPassword, new PasswordContext(user.Email, user.FirstName, user.LastName, user.TwoFactorEnabled)) is { } problem)
        {
            // Not used up: the owner may try another password with the same link.
            db.ChangeTracker.Clear();
            return new PasswordResetResult.Unacceptable(problem);
        }

        var now = time.GetUtcNow();
        user.ChangePassword(hasher.Hash(newPassword!), now);
        // The link proves the mailbox: it verifies a pending address and lifts a lockout.
        if (user.State == UserState.Pending) changes.Record(user, user.VerifyEmail(now), "password set from emailed link", user.Id);
        if (user.State == UserState.Locked) changes.Record(user, user.Unlock(), "password reset", user.Id);
        audit.Record(AuditActions.PasswordReset, user.Id, user.Id);
        outbox.Add(new PasswordChanged(user.Id, user.Email, user.FirstName, now, "reset"));
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(user.Id);
        return new PasswordResetResult.Done();
    }
}
