namespace Platform.Notifications.Model;

public enum WebhookDeliveryState
{
    Pending,
    Retrying,
    Delivered,
    /// <summary>Given up: too many attempts, or its endpoint was disabled.</summary>
    Failed,
}

/// <summary>
/// One event for one endpoint. <see cref="Payload"/> is fixed when it is queued, so every attempt
/// sends the same bytes under the same <c>webhook-id</c> and a receiver can deduplicate.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid SourceEventId { get; private set; }
    public string EventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public WebhookDeliveryState State { get; private set; }
    public int Attempts { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    private WebhookDelivery() { }

    public static WebhookDelivery Queue(Guid endpointId, Guid sourceEventId, string eventType, string payload, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EndpointId = endpointId,
        SourceEventId = sourceEventId,
        EventType = eventType,
        Payload = payload,
        State = WebhookDeliveryState.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };


    public void MarkDelivered(int statusCode, DateTimeOffset now)
    {
        Attempts++;
        State = WebhookDeliveryState.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        DeliveredAt = now;
    }

    public void MarkFailed(int? statusCode, string error, DateTimeOffset now, WebhookRetryPolicy policy)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= policy.MaxAttempts)
        {
            State = WebhookDeliveryState.Failed;
            return;
        }

        State = WebhookDeliveryState.Retrying;
        NextAttemptAt = now + policy.DelayAfter(Attempts);
    }

    /// <summary>Its endpoint was disabled: no further attempt, until someone sends the event again.</summary>
    public void GiveUp()
    {
        if (State is WebhookDeliveryState.Pending or WebhookDeliveryState.Retrying)
        {
            State = WebhookDeliveryState.Failed;
        }
    }
}

/// <summary>One HTTP attempt of a delivery, for the endpoint's delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; private set; }
    public Guid DeliveryId { get; private set; }
    public DateTimeOffset AttemptedAt { get; private set; }
    public int? StatusCode { get; private set; }
    public string? Error { get; private set; }
    public int DurationMs { get; private set; }

    private WebhookAttempt() { }

    public WebhookAttempt(Guid deliveryId, DateTimeOffset attemptedAt, int? statusCode, string? error, TimeSpan duration)
    {
        DeliveryId = deliveryId;
        AttemptedAt = attemptedAt;
        StatusCode = statusCode;
        Error = error is { Length: > 1000 } ? error[..1000] : error;
        DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds);
    }
}
