using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>Tells the owner the password changed, so a change they did not make does not go unnoticed.</summary>
public sealed class PasswordChangedConsumer(
    NotificationsDbContext db, TimeProvider clock, TemplateRenderer templates, EmailLinks links, DeliverySignal signal,
    ILogger<PasswordChangedConsumer> logger)
    : EmailConsumer<PasswordChanged>(db, clock, templates, signal, logger)
{
    protected override Task HandleAsync(PasswordChanged message, ConsumeContext<PasswordChanged> context)
    {
        Queue(context, EmailTemplates.PasswordChanged, message.Email,
            new PasswordChangedModel(message.FirstName, message.Email, message.ChangedAt, links.SignIn));
        return Task.CompletedTask;
    }
}
