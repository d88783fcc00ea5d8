using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Organizations;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>
/// An organization event offered to webhooks (<see cref="WebhookEventTypes.ByContract"/>): one
/// delivery per active endpoint of that organization that subscribed to the type, queued in the inbox
/// transaction with the payload fixed, for <see cref="WebhookDeliveryWorker"/> to sign and send.
/// </summary>
public sealed class WebhookEventConsumer<TEvent>(
    NotificationsDbContext db, TimeProvider clock, WebhookSignal signal, ILogger<WebhookEventConsumer<TEvent>> logger)
    : IdempotentConsumer<TEvent, NotificationsDbContext>(db, clock, logger)
    where TEvent : class, IOrganizationEvent
{
    private static readonly string EventType = WebhookEventTypes.ByContract[typeof(TEvent)];

    protected override async Task HandleAsync(TEvent message, ConsumeContext<TEvent> context)
    {
        var endpoints = await Db.WebhookEndpoints
            .Where(e => e.OrganizationId == message.OrganizationId && e.State == WebhookEndpointState.Active && e.EventTypes.Contains(EventType))
            .Select(e => e.Id)
            .ToListAsync(context.CancellationToken);
        if (endpoints.Count == 0)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var payload = WebhookPayloads.Serialize(
            EventType, context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : now, message);
        foreach (var endpoint in endpoints)
        {
            Db.WebhookDeliveries.Add(WebhookDelivery.Queue(endpoint, context.MessageId!.Value, EventType, payload, now));
        }

        AfterCommit(() => signal.Notify(endpoints.Count));
    }
}
