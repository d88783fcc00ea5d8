using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>Tells the owner the account is locked, and until when or that an administrator must unlock it.</summary>
public sealed class UserLockedOutConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<UserLockedOutConsumer> logger)
    : EmailConsumer<UserLockedOut>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(UserLockedOut message, ConsumeContext<UserLockedOut> context)
    {
        await QueueAsync(context, EmailTemplates.LockedOut, message.Email, new LockedOutModel(message.Email, message.LockedUntil, links.SignIn));
    }
}
