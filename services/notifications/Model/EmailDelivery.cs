namespace Platform.Notifications.Model;

/// <summary>
/// One email to one recipient, caused by one event. Unique per (source event, recipient, template),
/// so a duplicated event can never send the same email twice.
/// </summary>
public sealed class EmailDelivery
{
    public const int MaxAttempts = 12;

    public Guid Id { get; private set; }
    public Guid SourceEventId { get; private set; }
    public string Template { get; private set; } = "";
    public string Recipient { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public DeliveryState State { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public string? SmtpMessageId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    private EmailDelivery() { }

    public static EmailDelivery Queue(Guid sourceEventId, string template, string recipient, EmailMessage message, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        SourceEventId = sourceEventId,
        Template = template,
        Recipient = recipient,
        Subject = message.Subject,
        HtmlBody = message.HtmlBody,
        TextBody = message.TextBody,
        State = DeliveryState.Queued,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public bool IsDue(DateTimeOffset now) => State is DeliveryState.Queued or DeliveryState.Retrying && NextAttemptAt <= now;

    public void MarkSent(string smtpMessageId, DateTimeOffset now)
    {
        Attempts++;
        State = DeliveryState.Sent;
        SmtpMessageId = smtpMessageId;
        SentAt = now;
        LastError = null;
        MaskSecrets();
    }

    /// <summary>
    /// Exponential backoff from <paramref name="firstRetryDelay"/> (30 s in production), capped at 2 h:
    /// twelve attempts span about ten hours before the delivery is dead.
    /// </summary>
    public void MarkFailed(string error, DateTimeOffset now, TimeSpan firstRetryDelay)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            State = DeliveryState.Dead;
            MaskSecrets();
            return;
        }

        State = DeliveryState.Retrying;
        NextAttemptAt = now + BackoffAfter(Attempts, firstRetryDelay);
    }

    /// <summary>
    /// Replaces the secrets in links with <see cref="LinkSecrets.Mask"/>. Called once the copy is no longer
    /// needed for sending (sent, or dead), so the delivery log never keeps a usable token. A dead link
    /// is not worth keeping anyway: by then the token has expired, and the user asks for a new one.
    /// </summary>
    public void MaskSecrets()
    {
        HtmlBody = LinkSecrets.Hide(HtmlBody);
        TextBody = LinkSecrets.Hide(TextBody);
    }

    public static TimeSpan BackoffAfter(int attempts, TimeSpan firstRetryDelay) =>
        TimeSpan.FromSeconds(Math.Min(7200, firstRetryDelay.TotalSeconds * Math.Pow(2, attempts - 1)));
}
