using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.Notifications.Templates;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>Queues the welcome email; the delivery workers send it after the commit.</summary>
public sealed class UserRegisteredConsumer(
    NotificationsDbContext db, TimeProvider clock, IOptions<EmailOptions> options, DeliverySignal signal, ILogger<UserRegisteredConsumer> logger)
    : IdempotentConsumer<UserRegistered, NotificationsDbContext>(db, clock, logger)
{
    protected override Task HandleAsync(UserRegistered message, ConsumeContext<UserRegistered> context)
    {
        if (string.IsNullOrWhiteSpace(message.Email) || !message.Email.Contains('@'))
        {
            throw new InvalidOperationException($"UserRegistered {context.MessageId} has no usable recipient address.");
        }

        var email = WelcomeEmail.Render(message.FirstName, message.Email, options.Value.PublicBaseUrl);
        Db.Deliveries.Add(EmailDelivery.Queue(context.MessageId!.Value, WelcomeEmail.Template, message.Email, email, Time.GetUtcNow()));
        Db.SavedChanges += (_, _) => signal.Notify();
        return Task.CompletedTask;
    }
}
