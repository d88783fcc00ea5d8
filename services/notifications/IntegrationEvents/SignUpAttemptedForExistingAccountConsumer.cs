using MassTransit;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>Tells the owner of an address that someone tried to sign up with it; sign-up itself reveals nothing.</summary>
public sealed class SignUpAttemptedForExistingAccountConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<SignUpAttemptedForExistingAccountConsumer> logger)
    : EmailConsumer<SignUpAttemptedForExistingAccount>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(SignUpAttemptedForExistingAccount message, ConsumeContext<SignUpAttemptedForExistingAccount> context)
    {
        await QueueAsync(context, EmailTemplates.ExistingAccountSignUp, message.Email,
            new ExistingAccountSignUpModel(message.FirstName, message.Email, links.SignIn));
    }
}
