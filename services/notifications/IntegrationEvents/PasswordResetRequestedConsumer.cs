using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>The reset link, worded for setting a first password when an administrator created the account.</summary>
public sealed class PasswordResetRequestedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<PasswordResetRequestedConsumer> logger)
    : EmailConsumer<PasswordResetRequested>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(PasswordResetRequested message, ConsumeContext<PasswordResetRequested> context)
    {
        await QueueAsync(context, EmailTemplates.ResetPassword, message.Email,
            new ResetPasswordModel(message.FirstName, links.ResetPassword(message.Token), message.ExpiresAt, message.AccountSetup));
    }
}
