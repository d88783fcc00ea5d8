using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts.Membership;
using Platform.Notifications.Delivery;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Tests;

/// <summary>Organization events reach a client app's receiver, signed, retried and logged.</summary>
public sealed class WebhookDeliveryTests(WebhookServiceFixture service) : IClassFixture<WebhookServiceFixture>
{
    private HttpClient Admin => service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));

    [Fact]
    public async Task A_signed_delivery_is_retried_after_the_receiver_answered_500_and_the_log_shows_both_attempts()
    {
        var organization = Guid.NewGuid();
        var url = service.Receiver.NewEndpoint(otherwise: 200, answers: 500);
        var endpoint = await RegisterAsync(organization, url);
        var posted = Posted(organization);

        await service.Bus.PublishAsync(posted, NewId.NextGuid());

        var received = await Eventually.GetAsync(
            () => Task.FromResult(service.Receiver.At(url) is { Count: 2 } both ? both : null), "a first attempt and a retry");
        Assert.All(received, request =>
        {
            Assert.True(request.IsSignedWith(endpoint.Secret), "the signature verifies with the endpoint's secret");
            Assert.True(request.IsFresh, "the timestamp is now");
            Assert.Equal("application/json", request.ContentType.Split(';')[0]);
        });
        Assert.Equal(received[0].Id, received[1].Id);
        Assert.Equal(received[0].Body, received[1].Body);

        var body = JsonDocument.Parse(received[0].Body).RootElement;
        Assert.Equal("group.message-posted", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var data = body.GetProperty("data");
        Assert.Equal(posted.PostId, data.GetProperty("postId").GetGuid());
        Assert.Equal(organization, data.GetProperty("organizationId").GetGuid());
        Assert.Equal(1, data.GetProperty("recipientCount").GetInt32());
        Assert.DoesNotContain(posted.Recipients[0].Email, received[0].Body);

        var delivery = await Eventually.GetValueAsync(async () =>
        {
            var items = (await Admin.GetFromJsonAsync<JsonElement>($"/organizations/{organization}/webhooks/{endpoint.Id}/deliveries")).GetProperty("items");
            return items.GetArrayLength() == 1 && items[0].GetProperty("state").GetString() == "delivered" ? items[0] : (JsonElement?)null;
        }, "the delivery to be logged as delivered");
        Assert.Equal(received[0].Id, delivery.GetProperty("id").GetString());
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal([500, 200], delivery.GetProperty("attemptLog").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal("HTTP 500", delivery.GetProperty("attemptLog")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_endpoint_that_keeps_failing_is_disabled_and_the_operator_is_told()
    {
        var organization = Guid.NewGuid();
        var url = service.Receiver.NewEndpoint(otherwise: 500);
        var endpoint = await RegisterAsync(organization, url);

        await service.Bus.PublishAsync(Posted(organization), NewId.NextGuid());

        var disabled = await Eventually.GetValueAsync(async () =>
        {
            var e = await Admin.GetFromJsonAsync<JsonElement>($"/organizations/{organization}/webhooks/{endpoint.Id}");
            return e.GetProperty("state").GetString() == "disabled" ? e : (JsonElement?)null;
        }, "the endpoint to be disabled");
        Assert.Contains("3 consecutive failed deliveries; the last: HTTP 500", disabled.GetProperty("disabledReason").GetString());
        // Each attempt is one request: no hidden retries inside an attempt.
        Assert.Equal(3, service.Receiver.At(url).Count);

        // The operator hears of every organization's disabled endpoints: find this one's notice.
        var notice = await OperatorNoticeAsync(url);
        Assert.Equal("A webhook endpoint was disabled", notice.Subject);
        Assert.Contains(organization.ToString(), notice.Text);

        var delivery = (await Admin.GetFromJsonAsync<JsonElement>($"/organizations/{organization}/webhooks/{endpoint.Id}/deliveries")).GetProperty("items")[0];
        Assert.Equal("failed", delivery.GetProperty("state").GetString());

        var enabled = await (await Admin.PostAsync($"/organizations/{organization}/webhooks/{endpoint.Id}/enable", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("active", enabled.GetProperty("state").GetString());
        Assert.Equal(0, enabled.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task A_disabled_endpoint_is_reported_to_the_organizations_owner_and_admins_each_in_their_language()
    {
        var organization = Guid.NewGuid();
        var owner = await service.RegisterAsync("Olga", locale: "de-AT");
        var admin = await service.RegisterAsync("Ada");
        var manager = await service.RegisterAsync("Mia");
        var suspended = await service.RegisterAsync("Sam");
        var adminElsewhere = await service.RegisterAsync("Eve");
        await service.GrantAsync(organization, owner.UserId, "owner");
        await service.GrantAsync(organization, admin.UserId, "admin");
        await service.GrantAsync(organization, manager.UserId, "manager");
        await service.GrantAsync(organization, suspended.UserId, "admin");
        await service.SuspendAsync(organization, suspended.UserId);
        await service.GrantAsync(Guid.NewGuid(), adminElsewhere.UserId, "admin");
        var url = service.Receiver.NewEndpoint(otherwise: 500);
        await RegisterAsync(organization, url);

        await service.Bus.PublishAsync(Posted(organization), NewId.NextGuid());

        var german = await service.Mail.WaitForEmailToAsync(owner.Email);
        Assert.Equal("Ein Webhook-Endpunkt wurde deaktiviert", german.Subject);
        Assert.Contains(url, german.Text);
        var english = await service.Mail.WaitForEmailToAsync(admin.Email);
        Assert.Equal("A webhook endpoint was disabled", english.Subject);
        Assert.Contains(organization.ToString(), english.Text);
        await OperatorNoticeAsync(url);
        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var bystander in new[] { manager, suspended, adminElsewhere })
        {
            Assert.Empty(await service.Mail.ToAsync(bystander.Email));
        }
    }

    [Fact]
    public async Task An_organization_admin_tests_an_endpoint_and_the_receiver_gets_a_signed_test_event()
    {
        var organization = Guid.NewGuid();
        var admin = Guid.NewGuid();
        await service.GrantAsync(organization, admin, "admin");
        var client = service.Host.CreateClientAs(new InternalIdentity(admin));
        var url = service.Receiver.NewEndpoint();
        var created = await (await client.PostAsJsonAsync($"/organizations/{organization}/webhooks", new { url, eventTypes = new[] { "unit.created" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();

        var response = await client.PostAsync($"/organizations/{organization}/webhooks/{id}/test", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await Eventually.GetAsync(() => Task.FromResult(service.Receiver.At(url).FirstOrDefault()), "the test event");
        Assert.True(received.IsSignedWith(created.GetProperty("secret").GetString()!));
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("webhook.test", body.GetProperty("type").GetString());
        Assert.Equal(id, body.GetProperty("data").GetProperty("endpointId").GetString());
        var log = await Eventually.GetValueAsync(async () =>
        {
            var items = (await client.GetFromJsonAsync<JsonElement>($"/organizations/{organization}/webhooks/{id}/deliveries")).GetProperty("items");
            return items.GetArrayLength() == 1 && items[0].GetProperty("state").GetString() == "delivered" ? items[0] : (JsonElement?)null;
        }, "the test delivery to be logged");
        Assert.Equal("webhook.test", log.GetProperty("eventType").GetString());
    }

    [Fact]
    public async Task Only_the_organizations_own_endpoints_receive_its_events_and_a_duplicate_only_once()
    {
        var organization = Guid.NewGuid();
        var mine = service.Receiver.NewEndpoint();
        var theirs = service.Receiver.NewEndpoint();
        await RegisterAsync(organization, mine);
        await RegisterAsync(Guid.NewGuid(), theirs);
        var posted = Posted(organization);
        var messageId = NewId.NextGuid();

        await service.Bus.PublishAsync(posted, messageId);
        await service.Bus.PublishAsync(posted, messageId);

        await Eventually.TrueAsync(() => Task.FromResult(service.Receiver.At(mine).Count == 1), "the organization's endpoint to receive the event");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(service.Receiver.At(mine));
        Assert.Empty(service.Receiver.At(theirs));
    }

    [Fact]
    public async Task A_loopback_url_is_allowed_when_private_addresses_are_configured()
    {
        var response = await Admin.PostAsJsonAsync($"/organizations/{Guid.NewGuid()}/webhooks",
            new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "group.message-posted" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Each_connection_is_checked_again_so_a_name_that_now_points_inside_is_refused_at_delivery()
    {
        // The webhook client's connection step with the production rule, aimed at a receiver on 127.0.0.1
        // as if a public name had been re-pointed there after registration (DNS rebinding).
        var targets = new WebhookTargets(Options.Create(new WebhookOptions()), new TestEnvironment("Production"));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = targets.ConnectAsync, UseProxy = false });
        var url = service.Receiver.NewEndpoint();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(url, new StringContent("{}")));

        Assert.IsType<WebhookTargetRefusedException>(refused.InnerException);
        Assert.Contains("127.0.0.1 is a loopback address", refused.InnerException!.Message);
        Assert.Empty(service.Receiver.At(url));
    }

    private Task<ReceivedEmail> OperatorNoticeAsync(string url) => Eventually.GetAsync(
        async () => (await service.Mail.ToAsync(service.OperatorEmail)).FirstOrDefault(e => e.Text?.Contains(url) == true), $"the operator's notice about {url}");

    private async Task<(string Id, string Secret)> RegisterAsync(Guid organization, string url)
    {
        var response = await Admin.PostAsJsonAsync($"/organizations/{organization}/webhooks",
            new { url, eventTypes = new[] { "group.message-posted" } });
        var created = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private static GroupMessagePosted Posted(Guid organization) => new(
        Guid.NewGuid(), organization, Guid.NewGuid(), "Order group North", Guid.NewGuid(), "Grace Hopper", "Pick-up moves",
        "Friday, 4 pm.", [new GroupMessageRecipient(Guid.NewGuid(), IdentityEvents.NewAddress("member"), "Ada")], DateTimeOffset.UtcNow);
}
