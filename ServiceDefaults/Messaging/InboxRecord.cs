namespace Platform.ServiceDefaults.Messaging;

/// <summary>A message a consumer has handled, recorded with its effects: a redelivery finds it and does nothing.</summary>
public sealed class InboxRecord
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTimeOffset ProcessedAt { get; private set; }

    private InboxRecord() { }

    public InboxRecord(Guid messageId, string consumer, DateTimeOffset processedAt)
    {
        MessageId = messageId;
        Consumer = consumer;
        ProcessedAt = processedAt;
    }
}
