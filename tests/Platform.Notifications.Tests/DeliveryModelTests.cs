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
    public void An_unreachable_server_delays_the_email_without_using_up_its_attempts()
    {
        var delivery = Queue();
        for (var attempt = 0; attempt < EmailDelivery.MaxAttempts * 10; attempt++)
        {
            delivery.WaitForServer("The SMTP server cannot be reached", Now.AddSeconds(5));
        }

        Assert.Equal(DeliveryState.Retrying, delivery.State);
        Assert.Equal(0, delivery.AttemptsSinceQueued);
        Assert.Equal("The SMTP server cannot be reached", delivery.LastError);
        Assert.True(delivery.IsDue(Now.AddSeconds(5)));
    }

    [Fact]
    public void Tries_of_an_unreachable_server_come_at_most_the_cap_apart_however_long_the_outage()
    {
        var backoff = new Platform.ServiceDefaults.Resilience.ReconnectBackoff(TimeSpan.FromSeconds(5));
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            waits.Add(backoff.Current);
            backoff.Failed();
        }

        Assert.Equal([0.5, 1, 2, 4, 5, 5, 5, 5], waits.Select(w => w.TotalSeconds));
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Current);
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

    [Fact]
    public void Security_emails_are_claimed_before_broadcasts()
    {
        var reset = EmailDelivery.Queue(Guid.NewGuid(), "reset-password", "someone@example.com", new EmailMessage("s", "h", "t"), Now);
        var broadcast = EmailDelivery.Queue(Guid.NewGuid(), "group-message", "someone@example.com", new EmailMessage("s", "h", "t"), Now);

        Assert.Equal(EmailCategory.Security, reset.Category);
        Assert.Equal(EmailCategory.GroupMessages, broadcast.Category);
        Assert.True(reset.Priority < broadcast.Priority);
    }

    [Fact]
    public void A_dead_email_is_resent_with_a_fresh_round_of_attempts_and_its_history_kept()
    {
        var delivery = Queue();
        for (var attempt = 0; attempt < EmailDelivery.MaxAttempts; attempt++)
        {
            delivery.MarkFailed("mailbox unavailable", Now, TimeSpan.FromSeconds(30));
        }

        var later = Now.AddDays(1);
        Assert.Equal(ResendOutcome.Queued, delivery.Resend(later));
        Assert.Equal(DeliveryState.Queued, delivery.State);
        Assert.True(delivery.IsDue(later));
        Assert.Equal(EmailDelivery.MaxAttempts, delivery.Attempts);
        Assert.Equal("mailbox unavailable", delivery.LastError);
        Assert.Equal(1, delivery.Resends);
        Assert.Equal(later, delivery.LastResentAt);

        // A new round: one failure after the resend is a retry, not straight back to dead.
        delivery.MarkFailed("mailbox unavailable", later, TimeSpan.FromSeconds(30));
        Assert.Equal(DeliveryState.Retrying, delivery.State);
        Assert.Equal(later.AddSeconds(30), delivery.NextAttemptAt);
    }

    [Fact]
    public void A_sent_email_without_a_link_is_resent_as_it_was()
    {
        var delivery = Queue();
        delivery.MarkSent("<1@platform.localhost>", Now);

        Assert.Equal(ResendOutcome.Queued, delivery.Resend(Now.AddMinutes(5)));
        Assert.Equal("<p>h</p>", delivery.HtmlBody);
        Assert.Equal(Now, delivery.SentAt);
    }

    [Fact]
    public void A_sent_email_whose_link_lost_its_token_cannot_be_resent()
    {
        var delivery = QueueWithLink();
        delivery.MarkSent("<1@platform.localhost>", Now);

        Assert.True(delivery.SecretsMasked);
        Assert.Equal(ResendOutcome.LinkExpired, delivery.Resend(Now.AddMinutes(5)));
        Assert.Equal(DeliveryState.Sent, delivery.State);
        Assert.Equal(0, delivery.Resends);
    }

    [Fact]
    public void An_email_still_waiting_to_be_sent_is_not_queued_twice()
    {
        var delivery = Queue();
        delivery.MarkFailed("connection refused", Now, TimeSpan.FromSeconds(30));

        Assert.Equal(ResendOutcome.AlreadyQueued, delivery.Resend(Now));
        Assert.Equal(ResendOutcome.AlreadyQueued, Queue().Resend(Now));
    }

    [Fact]
    public void A_throttled_email_is_never_due_and_keeps_no_token()
    {
        var message = new EmailMessage("Confirm", "<a href=\"https://x.example/p?token&#x3D;secret-123\">", "https://x.example/p?token=secret-123");
        var delivery = EmailDelivery.Throttled(Guid.NewGuid(), "verify-email", "Someone@Example.com", message, Now, "over the limit");

        Assert.Equal(DeliveryState.Throttled, delivery.State);
        Assert.False(delivery.IsDue(Now.AddDays(1)));
        Assert.Equal("someone@example.com", delivery.Recipient);
        Assert.DoesNotContain("secret-123", delivery.TextBody + delivery.HtmlBody);
        Assert.Equal("over the limit", delivery.LastError);
        Assert.Equal(ResendOutcome.LinkExpired, delivery.Resend(Now));
    }

    [Fact]
    public void A_throttled_email_without_a_link_can_be_resent_by_an_administrator()
    {
        var delivery = EmailDelivery.Throttled(Guid.NewGuid(), "existing-account-sign-up", "someone@example.com", new EmailMessage("s", "h", "t"), Now, "over the limit");

        Assert.Equal(ResendOutcome.Queued, delivery.Resend(Now));
        Assert.True(delivery.IsDue(Now));
    }

    [Fact]
    public void The_unsubscribe_link_of_a_broadcast_survives_masking_so_a_resent_copy_still_works()
    {
        const string link = "https://platform.example/api/notifications/unsubscribe?token=0123.group-messages.sig";
        var delivery = EmailDelivery.Queue(Guid.NewGuid(), "group-message", "someone@example.com",
            new EmailMessage("s", $"<a href=\"{link.Replace("=", "&#x3D;")}\">Stop</a>", $"Stop: {link}"), Now,
            new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{link}>" });

        delivery.MarkSent("<1@platform.localhost>", Now);

        Assert.Contains(link, delivery.TextBody);
        Assert.Contains(link.Replace("=", "&#x3D;"), delivery.HtmlBody);
        Assert.False(delivery.SecretsMasked);
        Assert.Equal(ResendOutcome.Queued, delivery.Resend(Now));
        Assert.Equal($"<{link}>", delivery.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public void An_overlong_subject_is_cut_to_fit_rather_than_failing_the_whole_event()
    {
        var delivery = EmailDelivery.Queue(Guid.NewGuid(), "group-message", "someone@example.com", new EmailMessage(new string('x', 2000), "h", "t"), Now);

        Assert.Equal(EmailDelivery.MaxSubjectLength, delivery.Subject.Length);
        Assert.EndsWith("…", delivery.Subject);
    }

    [Fact]
    public void Anonymizing_keeps_state_template_and_times_and_drops_address_copy_and_error()
    {
        var delivery = QueueWithLink();
        delivery.MarkFailed("550 someone@example.com unknown", Now, TimeSpan.FromSeconds(30));
        delivery.MarkSent("<1@platform>", Now.AddMinutes(1));
        var userId = Guid.NewGuid();

        delivery.Anonymize(userId, Now.AddDays(1));

        Assert.Equal(DeliveryState.Sent, delivery.State);
        Assert.Equal("verify-email", delivery.Template);
        Assert.Equal(Now.AddMinutes(1), delivery.SentAt);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal($"deleted-{userId:N}-{delivery.Id:N}@deleted.invalid", delivery.Recipient);
        Assert.Equal("", delivery.Subject + delivery.HtmlBody + delivery.TextBody);
        Assert.Null(delivery.LastError);
        Assert.Equal(ResendOutcome.RecipientDeleted, delivery.Resend(Now.AddDays(2)));
    }

    [Fact]
    public void An_email_still_waiting_for_a_deleted_account_is_never_sent()
    {
        var delivery = Queue();

        delivery.Anonymize(Guid.NewGuid(), Now);

        Assert.Equal(DeliveryState.Dead, delivery.State);
        Assert.False(delivery.IsDue(Now.AddDays(1)));
        Assert.Contains("account was deleted", delivery.LastError);
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
