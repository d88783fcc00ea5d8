using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>The welcome email, once the address is confirmed: before that, the account is not usable.</summary>
public sealed class EmailVerifiedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<EmailVerifiedConsumer> logger)
    : EmailConsumer<EmailVerified>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(EmailVerified message, ConsumeContext<EmailVerified> context)
    {
        await QueueAsync(context, EmailTemplates.Welcome, message.Email, new WelcomeModel(message.Email, links.SignIn));
    }
}
