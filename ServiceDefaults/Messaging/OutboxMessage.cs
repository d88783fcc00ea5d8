namespace Platform.ServiceDefaults.Messaging;

/// <summary>An integration event waiting to be published, written in the transaction of the change that caused it.</summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public Guid MessageId { get; private set; }
    public string MessageType { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>W3C traceparent of the request that wrote the event, so the trace continues across the broker.</summary>
    public string? TraceParent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    private OutboxMessage() { }

    public static OutboxMessage Create(Guid messageId, string messageType, string body, string? traceParent, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        MessageType = messageType,
        Body = body,
        TraceParent = traceParent,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        Attempts++;
        LastError = null;
    }

    /// <summary>Backs off exponentially (1 s, 2 s, 4 s … capped at 1 min): an outage delays, never drops.</summary>
    public void MarkFailed(string error, DateTimeOffset now)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(Attempts - 1, 6))));
        NextAttemptAt = now + delay;
    }
}
