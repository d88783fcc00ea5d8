using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Authentication;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>The delivery log an administrator works with: filters, counts, resending.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class DeliveryLogTests(NotificationsServiceFixture service)
{
    private static readonly InternalIdentity PlatformAdmin = new(Guid.NewGuid(), PlatformAdmin: true);

    private HttpClient Admin => service.Host.CreateClientAs(PlatformAdmin);

    [Fact]
    public async Task The_log_filters_by_template_state_and_time_and_tells_the_total()
    {
        var address = NewAddress();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await service.Bus.PublishAsync(new EmailVerified(Guid.NewGuid(), address, DateTimeOffset.UtcNow), NewId.NextGuid());
        await service.Bus.PublishAsync(new PasswordChanged(Guid.NewGuid(), address, "Grace", DateTimeOffset.UtcNow, "self"), NewId.NextGuid());
        await Eventually.TrueAsync(async () => await TotalAsync($"recipient={address}&state=sent") == 2, "both emails to be sent");

        Assert.Equal(1, await TotalAsync($"recipient={address.ToUpperInvariant()}&template=welcome"));
        Assert.Equal(2, await TotalAsync($"recipient={address}&state=sent,dead&from={Iso(before)}"));
        Assert.Equal(0, await TotalAsync($"recipient={address}&to={Iso(before)}"));
        Assert.Equal(0, await TotalAsync($"recipient={address}&state=retrying"));

        var first = await Admin.GetFromJsonAsync<JsonElement>($"/deliveries?recipient={address}&pageSize=1&page=1");
        var second = await Admin.GetFromJsonAsync<JsonElement>($"/deliveries?recipient={address}&pageSize=1&page=2");
        Assert.Equal(2, second.GetProperty("total").GetInt32());
        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(["password-changed", "welcome"], items.Select(i => i.GetProperty("template").GetString()).Order());
        Assert.Equal("transactional", items.Single(i => i.GetProperty("template").GetString() == "welcome").GetProperty("category").GetString());
    }

    [Theory]
    [InlineData("state=lost", "state")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("page=0", "page")]
    public async Task A_malformed_filter_is_a_validation_problem_naming_its_field(string query, string field)
    {
        foreach (var path in new[] { "/deliveries", "/deliveries/counts" })
        {
            var response = await Admin.GetAsync($"{path}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:platform:problem:validation", problem.GetProperty("type").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}?{query} names {field}");
        }
    }

    [Fact]
    public async Task Counts_by_state_cover_every_state()
    {
        var address = NewAddress();
        await service.Bus.PublishAsync(new EmailVerified(Guid.NewGuid(), address, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(async () => await TotalAsync($"recipient={address}&state=sent") == 1, "the email to be sent");

        var mine = await Admin.GetFromJsonAsync<JsonElement>($"/deliveries/counts?recipient={address}");
        var all = await Admin.GetFromJsonAsync<JsonElement>("/deliveries/counts");

        Assert.Equal(1, mine.GetProperty("sent").GetInt32());
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        Assert.Equal(0, mine.GetProperty("throttled").GetInt32());
        foreach (var state in new[] { "queued", "retrying", "sent", "dead", "throttled", "total" })
        {
            Assert.True(all.TryGetProperty(state, out _), state);
        }
    }

    [Fact]
    public async Task A_sent_email_without_a_link_is_resent_and_arrives_a_second_time()
    {
        var changed = new PasswordChanged(Guid.NewGuid(), NewAddress(), "Grace", DateTimeOffset.UtcNow, "self");
        await service.Bus.PublishAsync(changed, NewId.NextGuid());
        await service.Mail.WaitForEmailToAsync(changed.Email);
        var id = await SentDeliveryIdAsync(changed.Email);

        var response = await Admin.PostAsync($"/deliveries/{id}/resend", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/deliveries/{id}", response.Headers.Location?.OriginalString);
        await Eventually.TrueAsync(async () => (await service.Mail.ToAsync(changed.Email)).Count == 2, "the resent email");
        var detail = await Eventually.GetValueAsync(async () =>
        {
            var d = await Admin.GetFromJsonAsync<JsonElement>($"/deliveries/{id}");
            return d.GetProperty("state").GetString() == "sent" && d.GetProperty("attempts").GetInt32() == 2 ? d : (JsonElement?)null;
        }, "the delivery to be sent again");
        Assert.Equal(1, detail.GetProperty("resends").GetInt32());
        Assert.True(detail.GetProperty("lastResentAt").GetDateTimeOffset() > detail.GetProperty("createdAt").GetDateTimeOffset());
        Assert.False(detail.GetProperty("linkExpired").GetBoolean());
    }

    [Fact]
    public async Task Resending_an_email_whose_link_expired_is_refused_and_says_to_ask_for_a_new_one()
    {
        var requested = VerificationRequested();
        await service.Bus.PublishAsync(requested, NewId.NextGuid());
        await service.Mail.WaitForEmailToAsync(requested.Email);
        var id = await SentDeliveryIdAsync(requested.Email);

        var response = await Admin.PostAsync($"/deliveries/{id}/resend", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:platform:problem:conflict", problem.GetProperty("type").GetString());
        Assert.Contains("expired", problem.GetProperty("title").GetString());
        Assert.Contains("must ask for a new email", problem.GetProperty("detail").GetString());
        await Task.Delay(500);
        Assert.Single(await service.Mail.ToAsync(requested.Email));
    }

    [Fact]
    public async Task Resending_an_unknown_delivery_is_not_found() =>
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync($"/deliveries/{Guid.NewGuid()}/resend", null)).StatusCode);

    [Fact]
    public async Task Only_platform_administrators_resend()
    {
        var member = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsync($"/deliveries/{Guid.NewGuid()}/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/deliveries/counts")).StatusCode);
    }

    private async Task<int> TotalAsync(string query) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/deliveries?{query}")).GetProperty("total").GetInt32();

    private Task<string> SentDeliveryIdAsync(string recipient) => Eventually.GetAsync(async () =>
    {
        var items = (await Admin.GetFromJsonAsync<JsonElement>($"/deliveries?recipient={recipient}&state=sent")).GetProperty("items");
        return items.GetArrayLength() == 1 ? items[0].GetProperty("id").GetString() : null;
    }, $"the delivery to {recipient} to be sent");

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));
}
