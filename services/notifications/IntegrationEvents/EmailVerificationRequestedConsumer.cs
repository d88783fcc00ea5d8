using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>The verification link; after sign-up, the first email an account receives.</summary>
public sealed class EmailVerificationRequestedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<EmailVerificationRequestedConsumer> logger)
    : EmailConsumer<EmailVerificationRequested>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(EmailVerificationRequested message, ConsumeContext<EmailVerificationRequested> context)
    {
        await QueueAsync(context, EmailTemplates.VerifyEmail, message.Email,
            new VerifyEmailModel(message.FirstName, links.VerifyEmail(message.Token), message.ExpiresAt), message.Locale);
    }
}
