using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Application;

public sealed class EmailVerification(
    IdentityDbContext db, AccountTokens tokens, AccountChanges changes, IEventOutbox outbox, AuditTrail audit, TimeProvider time)
{
    /// <summary>Uses up a verification link; false when it is unknown, used, superseded or expired.</summary>
    public async Task<bool> VerifyAsync(string? secret, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(secret, TokenPurpose.VerifyEmail);
        if (token is null) return false;
        var user = await db.Users.FindAsync([token.UserId], cancellationToken);
        if (user is null) return false;

        var now = time.GetUtcNow();
        var change = user.VerifyEmail(now);
        if (!change.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken); // the link is used up all the same
            return change.From == UserState.Active;
        }

        changes.Record(user, change, "email verified", user.Id);
        audit.Record(AuditActions.EmailVerified, user.Id, user.Id);
        outbox.Add(new EmailVerified(user.Id, user.Email, now));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
