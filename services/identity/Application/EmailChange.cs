using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Application;

/// <summary>
/// Moving an account to another address: the owner re-enters the password, the new address proves
/// itself through a link, the old one is told, and nothing changes until the link is followed.
/// </summary>
public sealed class EmailChange(
    IdentityDbContext db, AccountTokens tokens, IEventOutbox outbox, AuditTrail audit, IOptions<AccountOptions> options, TimeProvider time)
{
    /// <summary>Queues the confirmation; an address already in use gets no link (and the caller the same answer).</summary>
    /// <remarks>An organization's admin may ask on behalf of a managed account (<paramref name="actorId"/>): the new address still proves itself.</remarks>
    public async Task RequestAsync(User user, string newEmail, CancellationToken cancellationToken, Guid? actorId = null)
    {
        audit.Record(AuditActions.EmailChangeRequested, actorId ?? user.Id, user.Id);
        if (newEmail != user.Email && !await db.Users.AnyAsync(u => u.Email == newEmail, cancellationToken))
        {
            var (token, secret) = await tokens.IssueAsync(user.Id, TokenPurpose.ChangeEmail, options.Value.EmailChangeLinkLifetime, newEmail);
            outbox.Add(new EmailChangeRequested(user.Id, user.Email, newEmail, user.FirstName, secret, token.ExpiresAt));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> ConfirmAsync(string? secret, CancellationToken cancellationToken)
    {
        var token = await tokens.RedeemAsync(secret, TokenPurpose.ChangeEmail);
        var user = token?.NewEmail is null ? null : await db.Users.FindAsync([token.UserId], cancellationToken);
        if (user is null || user.State is UserState.Deleted or UserState.Archived || await db.Users.AnyAsync(u => u.Email == token!.NewEmail, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        var oldEmail = user.Email;
        var now = time.GetUtcNow();
        user.ChangeEmail(token!.NewEmail!, now);
        audit.Record(AuditActions.EmailChanged, user.Id, user.Id); // no addresses: audit rows outlive personal data
        outbox.Add(new EmailChanged(user.Id, oldEmail, user.Email, now));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
