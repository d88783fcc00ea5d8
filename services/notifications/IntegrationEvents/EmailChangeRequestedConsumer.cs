using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>
/// Two emails: the confirmation link to the new address, and a notice without a link to the old one,
/// so the owner learns of a change they did not ask for.
/// </summary>
public sealed class EmailChangeRequestedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<EmailChangeRequestedConsumer> logger)
    : EmailConsumer<EmailChangeRequested>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(EmailChangeRequested message, ConsumeContext<EmailChangeRequested> context)
    {
        await QueueAsync(context, EmailTemplates.ConfirmEmailChange, message.NewEmail,
            new ConfirmEmailChangeModel(message.FirstName, message.NewEmail, links.ConfirmEmailChange(message.Token), message.ExpiresAt));
        await QueueAsync(context, EmailTemplates.EmailChangeNotice, message.OldEmail,
            new EmailChangeNoticeModel(message.FirstName, message.OldEmail, message.NewEmail, links.SignIn));
    }
}
