using System.Net;
using Platform.Notifications.Model;

namespace Platform.Notifications.Tests;

public sealed class WebhookModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookRetryPolicy Policy = new(TimeSpan.FromMinutes(3), TimeSpan.FromHours(12), DisableAfter: 10, MaxAttempts: 10);

    [Fact]
    public void The_signature_matches_the_Standard_Webhooks_example()
    {
        // The worked example of the Standard Webhooks specification.
        var signature = WebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void A_secret_is_whsec_and_32_random_bytes()
    {
        var secret = WebhookSignature.NewSecret();

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, WebhookSignature.NewSecret());
    }

    [Fact]
    public void After_a_rotation_both_secrets_sign_until_the_overlap_ends()
    {
        var endpoint = Endpoint();
        var old = endpoint.Secret;

        var rotated = endpoint.RotateSecret(Now, TimeSpan.FromHours(24));

        Assert.NotEqual(old, rotated);
        Assert.Equal([rotated, old], endpoint.SigningSecrets(Now.AddHours(23)));
        Assert.Equal([rotated], endpoint.SigningSecrets(Now.AddHours(25)));
        var header = WebhookSignature.Header(endpoint.SigningSecrets(Now), "id", 1, "{}");
        Assert.Equal([WebhookSignature.Sign(rotated, "id", 1, "{}"), WebhookSignature.Sign(old, "id", 1, "{}")], header.Split(' '));
    }

    [Fact]
    public void Failures_back_the_endpoint_off_exponentially_and_ten_in_a_row_take_about_a_day_to_disable_it()
    {
        var endpoint = Endpoint();
        var now = Now;
        for (var failure = 1; failure < Policy.DisableAfter; failure++)
        {
            Assert.False(endpoint.RecordFailure("HTTP 500", now, Policy));
            Assert.Equal(now + Policy.DelayAfter(failure), endpoint.RetryAt);
            now = endpoint.RetryAt!.Value;
        }

        Assert.InRange(now - Now, TimeSpan.FromHours(20), TimeSpan.FromHours(30));
        Assert.True(endpoint.RecordFailure("HTTP 500", now, Policy));
        Assert.Equal(WebhookEndpointState.Disabled, endpoint.State);
        Assert.Equal(now, endpoint.DisabledAt);
        Assert.Contains("10 consecutive failed deliveries; the last: HTTP 500", endpoint.DisabledReason);
        Assert.False(endpoint.Wants("group.message-posted"));
    }

    [Fact]
    public void A_success_clears_the_failures()
    {
        var endpoint = Endpoint();
        endpoint.RecordFailure("HTTP 500", Now, Policy);
        endpoint.RecordFailure("HTTP 500", Now, Policy);

        endpoint.RecordSuccess(Now);

        Assert.Equal(0, endpoint.ConsecutiveFailures);
        Assert.Null(endpoint.RetryAt);
        Assert.Equal(Now, endpoint.LastSuccessAt);
    }

    [Fact]
    public void An_enabled_endpoint_starts_over()
    {
        var endpoint = Endpoint();
        endpoint.Disable("by hand", Now);

        endpoint.Enable();

        Assert.Equal(WebhookEndpointState.Active, endpoint.State);
        Assert.Null(endpoint.DisabledReason);
        Assert.True(endpoint.Wants("group.message-posted"));
    }

    [Fact]
    public void A_delivery_is_given_up_after_its_attempts()
    {
        var delivery = WebhookDelivery.Queue(Guid.NewGuid(), Guid.NewGuid(), "group.message-posted", "{}", Now);
        for (var attempt = 1; attempt < Policy.MaxAttempts; attempt++)
        {
            delivery.MarkFailed(500, "HTTP 500", Now, Policy);
            Assert.Equal(WebhookDeliveryState.Retrying, delivery.State);
        }

        delivery.MarkFailed(null, "connection refused", Now, Policy);

        Assert.Equal(WebhookDeliveryState.Failed, delivery.State);
        Assert.Null(delivery.LastStatusCode);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("0.0.0.0", "unspecified (0.0.0.0/8)")]
    [InlineData("::", "unspecified")]
    [InlineData("100.64.0.1", "shared (carrier-grade NAT)")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("64:ff9b::a00:1", "private")]
    public void Addresses_inside_a_network_are_refused(string address, string reason) =>
        Assert.Equal(reason, WebhookAddresses.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_pass(string address) => Assert.Null(WebhookAddresses.Refusal(IPAddress.Parse(address)));

    private static WebhookEndpoint Endpoint() =>
        WebhookEndpoint.Register(Guid.NewGuid(), "https://app.example.com/hooks", ["group.message-posted"], "test", Now);
}
