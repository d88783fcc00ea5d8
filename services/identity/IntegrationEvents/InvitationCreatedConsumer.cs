using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.Identity.Application;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.IntegrationEvents;

/// <summary>
/// An invitation to an address without a usable account: a pending account (no password, cannot log
/// in) is created for it, also for an import placeholder that is not emailed yet, and the link's hash
/// is kept so <c>/invitation?token=</c> can set the password. An account still waiting for its first
/// password (invited earlier, or an inactive placeholder) keeps this link too, so any of its
/// invitations works; an account in use is left alone: its owner logs in and accepts.
/// </summary>
public sealed class InvitationCreatedConsumer(
    IdentityDbContext db, IEventOutbox outbox, AccountChanges changes, AuditTrail audit, TimeProvider clock, ILogger<InvitationCreatedConsumer> logger)
    : IdempotentConsumer<InvitationCreated, IdentityDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(InvitationCreated message, ConsumeContext<InvitationCreated> context)
    {
        var cancellationToken = context.CancellationToken;
        if (!EmailAddress.TryNormalize(message.Email, out var email) || string.IsNullOrEmpty(message.Token))
        {
            // Membership validates addresses; one that fails here would fail every retry too.
            logger.LogWarning("Invitation {InvitationId} has an unusable email or token; no account is prepared", message.InvitationId);
            return;
        }

        var link = await Db.InvitationLinks.SingleOrDefaultAsync(l => l.InvitationId == message.InvitationId, cancellationToken);
        if (link is not null)
        {
            link.Reissue(message.Token, message.CreatedAt, message.ExpiresAt);
            return;
        }

        var user = await Db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            user = User.Invited(email, Time.GetUtcNow(), Bounded(message.FirstName), Bounded(message.LastName), message.Language, message.OrganizationId);
            Db.Users.Add(user);
            // Membership's directory (and approvals') learn the account now, as after a sign-up.
            outbox.Add(new UserRegistered(user.Id, user.Email, user.FirstName, user.LastName, user.CreatedAt, user.Language));
            audit.Record(AuditActions.InvitedAccountCreated, null, user.Id, $"invitation {message.InvitationId} to organization {message.OrganizationId}");
        }
        else if (user.State == UserState.Inactive)
        {
            changes.Record(user, user.Invite(), $"invited to organization {message.OrganizationId}", null);
        }

        // Kept for an account that already has a password too: its link then says "log in and accept".
        Db.InvitationLinks.Add(InvitationLink.Issue(message.InvitationId, message.OrganizationId, user, message.Token, message.CreatedAt, message.ExpiresAt));
    }

    private static string? Bounded(string? name) => name is { Length: > 0 and <= PersonName.MaxLength } ? name : null;
}
