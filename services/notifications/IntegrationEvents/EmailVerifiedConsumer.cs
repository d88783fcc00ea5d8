using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>The welcome email, once the address is confirmed: before that, the account is not usable.</summary>
public sealed class EmailVerifiedConsumer(
    NotificationsDbContext db, TimeProvider clock, TemplateRenderer templates, EmailLinks links, DeliverySignal signal,
    ILogger<EmailVerifiedConsumer> logger)
    : EmailConsumer<EmailVerified>(db, clock, templates, signal, logger)
{
    protected override Task HandleAsync(EmailVerified message, ConsumeContext<EmailVerified> context)
    {
        Queue(context, EmailTemplates.Welcome, message.Email, new WelcomeModel(message.Email, links.SignIn));
        return Task.CompletedTask;
    }
}
