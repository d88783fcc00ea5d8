using MassTransit;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.Notifications.Templates;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>
/// An event that becomes emails: each is rendered now and queued as a delivery in the inbox's
/// transaction; the delivery workers send it after the commit. A message without a usable address
/// fails, and after the retries lands in the endpoint's <c>_error</c> queue, visible.
/// </summary>
public abstract class EmailConsumer<TEvent>(
    NotificationsDbContext db, TimeProvider clock, TemplateRenderer templates, DeliverySignal signal, ILogger logger)
    : IdempotentConsumer<TEvent, NotificationsDbContext>(db, clock, logger)
    where TEvent : class
{
    private int queued;

    protected void Queue(ConsumeContext<TEvent> context, string template, string recipient, object model)
    {
        if (string.IsNullOrWhiteSpace(recipient) || !recipient.Contains('@'))
        {
            throw new InvalidOperationException($"{typeof(TEvent).Name} {context.MessageId} has no usable recipient address for {template}.");
        }

        // The contracts carry no locale yet, so every email goes out in the default language.
        var message = templates.Render(template, locale: null, model);
        Db.Deliveries.Add(EmailDelivery.Queue(context.MessageId!.Value, template, recipient.Trim(), message, Time.GetUtcNow()));
        if (queued++ == 0)
        {
            AfterCommit(() => signal.Notify(queued));
        }
    }
}
