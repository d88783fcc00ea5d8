using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>The verification link; after sign-up, the first email an account receives.</summary>
public sealed class EmailVerificationRequestedConsumer(
    NotificationsDbContext db, TimeProvider clock, TemplateRenderer templates, EmailLinks links, DeliverySignal signal,
    ILogger<EmailVerificationRequestedConsumer> logger)
    : EmailConsumer<EmailVerificationRequested>(db, clock, templates, signal, logger)
{
    protected override Task HandleAsync(EmailVerificationRequested message, ConsumeContext<EmailVerificationRequested> context)
    {
        Queue(context, EmailTemplates.VerifyEmail, message.Email,
            new VerifyEmailModel(message.FirstName, links.VerifyEmail(message.Token), message.ExpiresAt));
        return Task.CompletedTask;
    }
}
