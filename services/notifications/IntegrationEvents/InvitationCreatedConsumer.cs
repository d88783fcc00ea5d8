using MassTransit;
using Platform.Contracts.Membership;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>
/// The invitation email: accept with the account the invitee has, or set a password for the one identity
/// prepared. A resend is a new event (new MessageId, new token), so it sends a new email; a redelivered
/// message is absorbed by the inbox. A placeholder from an import (<c>SendEmail</c> false) sends nothing.
/// </summary>
public sealed class InvitationCreatedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<InvitationCreatedConsumer> logger)
    : EmailConsumer<InvitationCreated>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(InvitationCreated message, ConsumeContext<InvitationCreated> context)
    {
        if (!message.SendEmail)
        {
            return;
        }

        var link = message.AccountKnown ? links.AcceptInvitation(message.Token) : links.InvitationSignUp(message.Token);
        // The person's own language when they chose one; otherwise the one the inviter gave.
        await QueueAsync(context, EmailTemplates.Invitation, message.Email, new InvitationModel(
            message.InviterName, message.OrganizationName, message.Rank, message.Email, link, message.ExpiresAt, message.AccountKnown,
            string.IsNullOrWhiteSpace(message.FirstName) ? null : message.FirstName.Trim()), message.Language);
    }
}
