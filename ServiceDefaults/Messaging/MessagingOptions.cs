namespace Platform.ServiceDefaults.Messaging;

/// <summary>Section <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>
    /// Prefix for every exchange and queue. Empty in production; lets several environments (or
    /// test classes) share one broker without seeing each other's messages.
    /// </summary>
    public string Prefix { get; set; } = "";

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public int OutboxBatchSize { get; set; } = 100;
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long sent outbox rows and inbox records are kept (inbox: longer than any redelivery).</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
