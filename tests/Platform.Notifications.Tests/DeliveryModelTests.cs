using Platform.Notifications.Model;

namespace Platform.Notifications.Tests;

public sealed class DeliveryModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_failed_send_is_retried_later_with_a_growing_wait()
    {
        var delivery = Queue();

        delivery.MarkFailed("connection refused", Now, TimeSpan.FromSeconds(30));
        var first = delivery.NextAttemptAt - Now;
        delivery.MarkFailed("connection refused", Now, TimeSpan.FromSeconds(30));
        var second = delivery.NextAttemptAt - Now;

        Assert.Equal(DeliveryState.Retrying, delivery.State);
        Assert.Equal(TimeSpan.FromSeconds(30), first);
        Assert.Equal(TimeSpan.FromSeconds(60), second);
        Assert.False(delivery.IsDue(Now));
        Assert.True(delivery.IsDue(Now + second));
    }

    [Fact]
    public void After_the_last_attempt_the_delivery_is_dead_not_dropped()
    {
        var delivery = Queue();
        for (var attempt = 0; attempt < EmailDelivery.MaxAttempts; attempt++)
        {
            delivery.MarkFailed("mailbox unavailable", Now, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(DeliveryState.Dead, delivery.State);
        Assert.Equal("mailbox unavailable", delivery.LastError);
        Assert.False(delivery.IsDue(Now.AddDays(1)));
    }

    [Fact]
    public void The_wait_between_attempts_never_exceeds_two_hours() =>
        Assert.Equal(TimeSpan.FromHours(2), EmailDelivery.BackoffAfter(20, TimeSpan.FromSeconds(30)));

    [Fact]
    public void A_delivery_waiting_to_be_sent_keeps_the_token_its_link_needs()
    {
        var delivery = QueueWithLink();

        delivery.MarkFailed("connection refused", Now, TimeSpan.FromSeconds(30));

        Assert.Contains("token=secret-123", delivery.TextBody);
        Assert.Contains("token&#x3D;secret-123", delivery.HtmlBody);
    }

    [Fact]
    public void Once_sent_the_stored_copy_no_longer_holds_the_token()
    {
        var delivery = QueueWithLink();

        delivery.MarkSent("<1@platform.localhost>", Now);

        Assert.DoesNotContain("secret-123", delivery.TextBody + delivery.HtmlBody);
        Assert.Contains("https://platform.example/api/identity/pages/verify-email?token=***", delivery.TextBody);
        Assert.Contains("verify-email?token&#x3D;***", delivery.HtmlBody);
    }

    [Fact]
    public void A_dead_delivery_no_longer_holds_the_token()
    {
        var delivery = QueueWithLink();
        for (var attempt = 0; attempt < EmailDelivery.MaxAttempts; attempt++)
        {
            delivery.MarkFailed("mailbox unavailable", Now, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(DeliveryState.Dead, delivery.State);
        Assert.DoesNotContain("secret-123", delivery.TextBody + delivery.HtmlBody);
    }

    private static EmailDelivery QueueWithLink() => EmailDelivery.Queue(
        Guid.NewGuid(), "verify-email", "someone@example.com",
        new EmailMessage(
            "Confirm your email address",
            """<a href="https://platform.example/api/identity/pages/verify-email?token&#x3D;secret-123">Confirm</a>""",
            "Open https://platform.example/api/identity/pages/verify-email?token=secret-123\n"),
        Now);

    private static EmailDelivery Queue() =>
        EmailDelivery.Queue(Guid.NewGuid(), "welcome", "someone@example.com", new EmailMessage("s", "<p>h</p>", "t"), Now);
}
