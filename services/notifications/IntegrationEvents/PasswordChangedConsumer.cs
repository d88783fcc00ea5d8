using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>Tells the owner the password changed, so a change they did not make does not go unnoticed.</summary>
public sealed class PasswordChangedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<PasswordChangedConsumer> logger)
    : EmailConsumer<PasswordChanged>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(PasswordChanged message, ConsumeContext<PasswordChanged> context)
    {
        await QueueAsync(context, EmailTemplates.PasswordChanged, message.Email,
            new PasswordChangedModel(message.FirstName, message.Email, message.ChangedAt, links.SignIn));
    }
}
