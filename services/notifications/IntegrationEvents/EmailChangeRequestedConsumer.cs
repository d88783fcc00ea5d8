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
    NotificationsDbContext db, TimeProvider clock, TemplateRenderer templates, EmailLinks links, DeliverySignal signal,
    ILogger<EmailChangeRequestedConsumer> logger)
    : EmailConsumer<EmailChangeRequested>(db, clock, templates, signal, logger)
{
    protected override Task HandleAsync(EmailChangeRequested message, ConsumeContext<EmailChangeRequested> context)
    {
        Queue(context, EmailTemplates.ConfirmEmailChange, message.NewEmail,
            new ConfirmEmailChangeModel(message.FirstName, message.NewEmail, links.ConfirmEmailChange(message.Token), message.ExpiresAt));
        Queue(context, EmailTemplates.EmailChangeNotice, message.OldEmail,
            new EmailChangeNoticeModel(message.FirstName, message.OldEmail, message.NewEmail, links.SignIn));
        return Task.CompletedTask;
    }
}
