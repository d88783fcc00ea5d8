using Platform.ServiceDefaults.Email;

namespace Platform.Notifications.Model;

/// <summary>
/// One email to one recipient, caused by one event. Unique per (source event, recipient, template),
/// so a duplicated event can never send the same email twice.
/// </summary>
public sealed class EmailDelivery
{
    public const int MaxAttempts = 12;
    public const int MaxSubjectLength = 500;

    public Guid Id { get; private set; }
    public Guid SourceEventId { get; private set; }
    public string Template { get; private set; } = "";
    public EmailCategory Category { get; private set; }
    /// <summary>Claimed in this order (<see cref="DeliveryPriority"/>), then by due time.</summary>
    public DeliveryPriority Priority { get; private set; }
    public string Recipient { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    /// <summary>Extra message headers, such as <c>List-Unsubscribe</c> on broadcasts.</summary>
    public Dictionary<string, string> Headers { get; private set; } = [];
    public DeliveryState State { get; private set; }
    /// <summary>Every SMTP attempt ever made, including those before a resend.</summary>
    public int Attempts { get; private set; }
    /// <summary>Attempts since it was last queued; the backoff and the dead rule count these.</summary>
    public int AttemptsSinceQueued { get; private set; }
    public string? LastError { get; private set; }
    public string? SmtpMessageId { get; private set; }
    /// <summary>The stored copy lost the one-time secrets of its links: it can no longer be sent as it was.</summary>
    public bool SecretsMasked { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    /// <summary>The last successful send.</summary>
    public DateTimeOffset? SentAt { get; private set; }
    public int Resends { get; private set; }
    public DateTimeOffset? LastResentAt { get; private set; }
    /// <summary>The recipient's account was deleted: the log keeps no address and no copy, only the statistics.</summary>
    public bool RecipientDeleted { get; private set; }

    private EmailDelivery() { }

    public static EmailDelivery Queue(
        Guid sourceEventId, string template, string recipient, EmailMessage message, DateTimeOffset now,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var category = EmailCategories.Of(template);
        return new EmailDelivery
        {
            Id = Guid.CreateVersion7(now),
            SourceEventId = sourceEventId,
            Template = template,
            Category = category,
            Priority = category.Priority(),
            Recipient = NormalizeAddress(recipient),
            Subject = message.Subject.Length > MaxSubjectLength ? message.Subject[..(MaxSubjectLength - 1)] + "…" : message.Subject,
            HtmlBody = message.HtmlBody,
            TextBody = message.TextBody,
            Headers = headers is null ? [] : new Dictionary<string, string>(headers),
            State = DeliveryState.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>Recorded for the delivery log, never sent; its links' secrets are not kept.</summary>
    public static EmailDelivery Throttled(
        Guid sourceEventId, string template, string recipient, EmailMessage message, DateTimeOffset now, string reason)
    {
        var delivery = Queue(sourceEventId, template, recipient, message, now);
        delivery.State = DeliveryState.Throttled;
        delivery.LastError = reason;
        delivery.MaskSecrets();
        return delivery;
    }

    /// <summary>Addresses are compared and stored in lower case, as identity stores them.</summary>
    /// <summary>The platform's one canonical form of a mailbox; what cannot be one is kept trimmed and lower-cased.</summary>
    public static string NormalizeAddress(string address) =>
        EmailAddress.TryNormalize(address, out var canonical) ? canonical : address.Trim().ToLowerInvariant();

    public bool IsDue(DateTimeOffset now) => State is DeliveryState.Queued or DeliveryState.Retrying && NextAttemptAt <= now;

    public void MarkSent(string smtpMessageId, DateTimeOffset now)
    {
        Attempts++;
        AttemptsSinceQueued++;
        State = DeliveryState.Sent;
        SmtpMessageId = smtpMessageId;
        SentAt = now;
        LastError = null;
        MaskSecrets();
    }

    /// <summary>
    /// The SMTP server could not be reached. That is not this email's fault, so no attempt is counted (an
    /// outage of hours must not use up its attempts): it is due again when the worker next tries the server.
    /// </summary>
    public void WaitForServer(string error, DateTimeOffset retryAt)
    {
        State = DeliveryState.Retrying;
        LastError = Truncate(error);
        NextAttemptAt = retryAt;
    }

    /// <summary>
    /// Exponential backoff from <paramref name="firstRetryDelay"/> (30 s in production), capped at 2 h:
    /// twelve attempts span about ten hours before the delivery is dead.
    /// </summary>
    public void MarkFailed(string error, DateTimeOffset now, TimeSpan firstRetryDelay)
    {
        Attempts++;
        AttemptsSinceQueued++;
        LastError = Truncate(error);
        if (AttemptsSinceQueued >= MaxAttempts)
        {
            State = DeliveryState.Dead;
            MaskSecrets();
            return;
        }

        State = DeliveryState.Retrying;
        NextAttemptAt = now + BackoffAfter(AttemptsSinceQueued, firstRetryDelay);
    }

    /// <summary>
    /// An administrator sends a dead, sent or throttled email again: it is queued as it was stored, with
    /// a fresh round of attempts; the history (attempts, last error, last sent) stays. A copy whose
    /// link lost its secret cannot be: that link expired long ago, and the user asks for a new one.
    /// </summary>
    public ResendOutcome Resend(DateTimeOffset now)
    {
        if (RecipientDeleted)
        {
            return ResendOutcome.RecipientDeleted;
        }

        if (State is DeliveryState.Queued or DeliveryState.Retrying)
        {
            return ResendOutcome.AlreadyQueued;
        }

        if (SecretsMasked)
        {
            return ResendOutcome.LinkExpired;
        }

        State = DeliveryState.Queued;
        NextAttemptAt = now;
        AttemptsSinceQueued = 0;
        Resends++;
        LastResentAt = now;
        return ResendOutcome.Queued;
    }

    /// <summary>
    /// Replaces the secrets in links with <see cref="LinkSecrets.Mask"/>. Called once the copy is no longer
    /// needed for sending (sent, dead or throttled), so the delivery log never keeps a usable token. A
    /// dead link is not worth keeping anyway: by then the token has expired, and the user asks for a new one.
    /// </summary>
    public void MaskSecrets()
    {
        var html = LinkSecrets.Hide(HtmlBody);
        var text = LinkSecrets.Hide(TextBody);
        SecretsMasked |= html != HtmlBody || text != TextBody;
        HtmlBody = html;
        TextBody = text;
    }

    /// <summary>
    /// The recipient's account was deleted: keep state, template, category and times for the statistics;
    /// drop the address (each row gets its own placeholder, so the idempotency key stays unique), the
    /// rendered copy and anything an SMTP error may have quoted. An email still waiting is never sent.
    /// </summary>
    public void Anonymize(Guid userId, DateTimeOffset now)
    {
        Recipient = $"deleted-{userId:N}-{Id:N}@deleted.invalid";
        Subject = "";
        HtmlBody = "";
        TextBody = "";
        Headers = [];
        LastError = null;
        RecipientDeleted = true;
        if (State is DeliveryState.Queued or DeliveryState.Retrying)
        {
            State = DeliveryState.Dead;
            LastError = "Not sent: the recipient's account was deleted.";
            NextAttemptAt = now;
        }
    }

    private static string Truncate(string error) => error.Length > 1000 ? error[..1000] : error;

    public static TimeSpan BackoffAfter(int attempts, TimeSpan firstRetryDelay) =>
        TimeSpan.FromSeconds(Math.Min(7200, firstRetryDelay.TotalSeconds * Math.Pow(2, attempts - 1)));
}

public enum ResendOutcome
{
    Queued,
    AlreadyQueued,
    LinkExpired,
    RecipientDeleted,
}
