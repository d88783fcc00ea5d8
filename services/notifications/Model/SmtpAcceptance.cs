namespace Platform.Notifications.Model;

/// <summary>
/// The SMTP server accepted this delivery's email: written and committed on its own, right after the
/// server's 250, while the delivery's row is still locked by the batch that claimed it. If the process
/// dies before that batch commits, the next claim finds this record and marks the delivery sent instead
/// of sending it again, so a crash repeats at most the one email per connection that was in flight.
/// Deleted when the batch commits.
/// </summary>
public sealed class SmtpAcceptance
{
    public Guid DeliveryId { get; private set; }
    public string SmtpMessageId { get; private set; } = "";
    public DateTimeOffset AcceptedAt { get; private set; }

    private SmtpAcceptance() { }

    public SmtpAcceptance(Guid deliveryId, string smtpMessageId, DateTimeOffset acceptedAt)
    {
        DeliveryId = deliveryId;
        SmtpMessageId = smtpMessageId;
        AcceptedAt = acceptedAt;
    }
}
