using MassTransit;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>
/// An event that becomes emails: each is rendered now and queued as a delivery in the inbox's
/// transaction; the delivery workers send it after the commit. A message without a usable address
/// fails, and after the retries lands in the endpoint's <c>_error</c> queue, visible.
/// </summary>
public abstract class EmailConsumer<TEvent>(NotificationsDbContext db, TimeProvider clock, EmailQueue emails, ILogger logger)
    : IdempotentConsumer<TEvent, NotificationsDbContext>(db, clock, logger)
    where TEvent : class
{
    private int queued;

    /// <param name="fallbackLocale">The language to write in when the directory knows none for the recipient.</param>
    protected async Task QueueAsync(ConsumeContext<TEvent> context, string template, string recipient, object model, string? fallbackLocale = null)
    {
        if (string.IsNullOrWhiteSpace(recipient) || !recipient.Contains('@'))
        {
            throw new InvalidOperationException($"{typeof(TEvent).Name} {context.MessageId} has no usable recipient address for {template}.");
        }

        if (await emails.QueueAsync(context.MessageId!.Value, template, recipient, model, context.CancellationToken, fallbackLocale) && queued++ == 0)
        {
            AfterCommit(() => emails.WakeWorkers(queued));
        }
    }
}
