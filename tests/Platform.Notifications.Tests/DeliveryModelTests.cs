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

    private static EmailDelivery Queue() =>
        EmailDelivery.Queue(Guid.NewGuid(), "welcome", "someone@example.com", new EmailMessage("s", "<p>h</p>", "t"), Now);
}
