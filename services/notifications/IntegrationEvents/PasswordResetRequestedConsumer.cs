using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>The reset link, worded for setting a first password when an administrator created the account.</summary>
public sealed class PasswordResetRequestedConsumer(
    NotificationsDbContext db, TimeProvider clock, TemplateRenderer templates, EmailLinks links, DeliverySignal signal,
    ILogger<PasswordResetRequestedConsumer> logger)
    : EmailConsumer<PasswordResetRequested>(db, clock, templates, signal, logger)
{
    protected override Task HandleAsync(PasswordResetRequested message, ConsumeContext<PasswordResetRequested> context)
    {
        Queue(context, EmailTemplates.ResetPassword, message.Email,
            new ResetPasswordModel(message.FirstName, links.ResetPassword(message.Token), message.ExpiresAt, message.AccountSetup));
        return Task.CompletedTask;
    }
}
