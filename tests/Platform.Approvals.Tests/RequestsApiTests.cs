using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Approvals.Tests;

/// <summary>Creating, reading and cancelling requests; policies; what bad input gets.</summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class RequestsApiTests(ApprovalsApiFixture service)
{
    private static readonly object ManagersStep = new { steps = new[] { new { name = "managers", source = "role", role = "manager" } } };

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_answers_with_the_first_request_and_creates_nothing_more()
    {
        var (world, requester, _) = await ArrangeAsync();
        var client = world.As(requester);
        var body = new { type = "order", title = "Paper", amount = 150m, currency = "EUR" };
        var key = Guid.NewGuid().ToString();

        var first = await Send(client, world, body, key);
        var second = await Send(client, world, body, key);
        var other = await Send(client, world, body with { title = "Toner" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(1, await service.WithDbAsync(db => Task.FromResult(db.Requests.Count(r => r.RequesterId == requester))));

        static Task<HttpResponseMessage> Send(HttpClient client, World world, object body, string key)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, $"/organizations/{world.Organization}/requests") { Content = JsonContent.Create(body) };
            message.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(message);
        }
    }

    [Theory]
    [InlineData("""{"type":"order"}""", "title")]
    [InlineData("""{"type":"Order!","title":"x"}""", "type")]
    [InlineData("""{"type":"order","title":"x","amount":5}""", "amount")]
    [InlineData("""{"type":"order","title":"x","amount":5,"currency":"eur"}""", "currency")]
    [InlineData("""{"type":"order","title":"x","details":[1,2]}""", "details")]
    [InlineData("""{"type":"order","title":"x","subject":{"externalId":"A1","url":"javascript:alert(1)"}}""", "subject.url")]
    [InlineData("""{"type":"order","title":"x","externalNominee":"not an address"}""", "externalNominee")]
    [InlineData("""{"type":"travel","title":"x"}""", "type")]
    public async Task Bad_input_is_a_400_that_names_the_field_and_creates_nothing(string json, string field)
    {
        var (world, requester, _) = await ArrangeAsync();
        var response = await world.As(requester).PostAsync($"/organizations/{world.Organization}/requests", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await service.WithDbAsync(db => Task.FromResult(db.Requests.Count(r => r.RequesterId == requester))));
    }

    [Fact]
    public async Task Details_over_16_KiB_are_refused()
    {
        var (world, requester, _) = await ArrangeAsync();
        var details = new { notes = new string('x', 17 * 1024) };
        var response = await world.As(requester).PostAsJsonAsync($"/organizations/{world.Organization}/requests", new { type = "order", title = "Big", details });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("details", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_requester_cancels_a_pending_request_once_and_the_approvers_no_longer_see_it_waiting()
    {
        var (world, requester, manager) = await ArrangeAsync();
        var id = (await world.RequestAsync(requester, "order", new { subject = new { externalId = "PO-7", url = "https://shop.example/orders/7" }, details = new { lines = 3 } })).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await world.As(manager).PostAsync($"/requests/{id}/cancel", null)).StatusCode);
        var cancelled = await world.As(requester).PostAsync($"/requests/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await world.As(requester).PostAsync($"/requests/{id}/cancel", null)).StatusCode);

        var read = await world.GetAsync(requester, id);
        Assert.Equal("cancelled", read.GetProperty("state").GetString());
        Assert.Equal(3, read.GetProperty("details").GetProperty("lines").GetInt32());
        Assert.Equal("https://shop.example/orders/7", read.GetProperty("subject").GetProperty("url").GetString());
        Assert.Equal(requester, (await service.Cancelled.WaitForAsync(e => e.RequestId == id)).Message.ActorId);
        var pending = await world.As(manager).GetFromJsonAsync<JsonElement>("/pending-approvals");
        Assert.DoesNotContain(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("requestId").GetGuid() == id);
    }

    [Fact]
    public async Task The_history_is_for_the_requester_and_the_admins_not_for_the_approvers()
    {
        // The approver is a department's manager: a manager of the whole organization reads every request, history too.
        var world = await World.OrganizationAsync(service);
        var (manager, _, requester) = await world.DepartmentThenSeniorAsync();
        var id = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await world.As(requester).GetAsync($"/requests/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.As(world.Owner).GetAsync($"/requests/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.As(manager).GetAsync($"/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.As(manager).GetAsync($"/requests/{id}/history")).StatusCode);
    }

    [Fact]
    public async Task A_client_app_needs_the_approvals_request_scope_to_create_and_read_its_requests()
    {
        var (world, _, manager) = await ArrangeAsync();
        var app = Guid.NewGuid();
        var body = new { type = "order", title = "Shop order 42", amount = 500m, currency = "EUR" };

        Assert.Equal(HttpStatusCode.Forbidden, (await world.AsClientApp(app, "members.read").PostAsJsonAsync($"/organizations/{world.Organization}/requests", body)).StatusCode);
        var created = await world.AsClientApp(app, "approvals.request").PostAsJsonAsync($"/organizations/{world.Organization}/requests", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal("pending", (await world.AsClientApp(app, "approvals.request").GetFromJsonAsync<JsonElement>($"/requests/{id}")).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await world.AsClientApp(app, "approvals.request").PostAsJsonAsync($"/requests/{id}/decision", new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.AsClientApp(Guid.NewGuid(), "approvals.request").GetAsync($"/requests/{id}")).StatusCode);
        Assert.Equal([manager], World.PendingApprovers(await world.GetAsync(manager, id)));
    }

    [Fact]
    public async Task Policies_are_kept_by_the_owner_and_admins_and_say_what_is_wrong_with_them()
    {
        var (world, requester, manager) = await ArrangeAsync();
        var admin = await world.MemberAsync("Ada", "admin");
        await world.SettledAsync();
        var path = $"/organizations/{world.Organization}/policies/purchase";

        Assert.Equal(HttpStatusCode.Forbidden, (await world.As(manager).PutAsJsonAsync(path, ManagersStep)).StatusCode);
        var invalid = await world.As(admin).PutAsJsonAsync(path, new { steps = new[] { new { name = "x", source = "role" } } });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("role", await invalid.Content.ReadAsStringAsync());
        var external = await world.As(admin).PutAsJsonAsync(path, new { steps = new[] { new { name = "buyer", source = "external-nominee" } } });
        Assert.Contains("nominate", await external.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await world.As(admin).PutAsJsonAsync(path, new { steps = new[] { new { name = "x", source = "3" } } })).StatusCode);
        var stranger = await world.As(admin).PutAsJsonAsync(path, new { steps = new[] { new { name = "x", source = "named-people", people = new[] { Guid.NewGuid() } } } });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("member of this organization", await stranger.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await world.As(admin).PutAsJsonAsync(path, new { steps = new[] { new { name = "managers", source = "role", role = "manager" } }, stepExpiryMinutes = 60, escalation = "none" })).StatusCode);
        var read = await world.As(admin).GetFromJsonAsync<JsonElement>(path);
        Assert.Equal((60, "none"), (read.GetProperty("stepExpiryMinutes").GetInt32(), read.GetProperty("escalation").GetString()));
        Assert.Equal(2, (await world.As(world.Owner).GetFromJsonAsync<JsonElement>($"/organizations/{world.Organization}/policies")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await world.As(admin).DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.As(admin).GetAsync(path)).StatusCode);
        await world.RequestAsync(requester, "purchase", expected: HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task My_pending_approvals_span_my_organizations_and_page_with_a_cursor()
    {
        var (acme, requester, manager) = await ArrangeAsync();
        var other = await World.OrganizationAsync(service, "Other");
        await other.PublishAsync(new Platform.Contracts.Membership.MembershipGranted(other.Organization, manager, "admin", null, other.Owner, DateTimeOffset.UtcNow));
        var otherRequester = await other.MemberAsync("Oli");
        await other.SettledAsync();
        await other.PolicyAsync("order", new { steps = new[] { new { name = "admins", source = "role", role = "admin" } } });
        var first = (await acme.RequestAsync(requester, "order")).GetProperty("id").GetGuid();
        service.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await other.RequestAsync(otherRequester, "order")).GetProperty("id").GetGuid();
        var client = acme.As(manager);

        var page1 = await client.GetFromJsonAsync<JsonElement>("/pending-approvals?limit=1");
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/pending-approvals?limit=1&cursor={cursor}");

        Assert.Equal([first, second], page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("requestId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/pending-approvals?limit=500")).StatusCode);
    }

    [Fact]
    public async Task My_requests_are_only_mine_newest_first_filter_by_state_and_page_with_a_cursor()
    {
        var (world, requester, manager) = await ArrangeAsync();
        var first = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();
        service.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();
        var someoneElses = (await world.RequestAsync(world.Owner, "order")).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await world.As(requester).PostAsync($"/requests/{first}/cancel", null)).StatusCode);
        var client = world.As(requester);

        var page1 = await client.GetFromJsonAsync<JsonElement>("/my-requests?limit=1");
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/my-requests?limit=1&cursor={page1.GetProperty("nextCursor").GetString()}");
        var cancelled = await client.GetFromJsonAsync<JsonElement>("/my-requests?state=cancelled");

        Assert.Equal([second, first], page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextCursor").ValueKind);
        Assert.Equal([first], cancelled.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var newest = page1.GetProperty("items")[0];
        Assert.Equal(("pending", "managers", 1), (newest.GetProperty("state").GetString(), newest.GetProperty("stepName").GetString(), newest.GetProperty("stepCount").GetInt32()));
        var managers = await world.As(manager).GetFromJsonAsync<JsonElement>("/my-requests");
        Assert.DoesNotContain(managers.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == someoneElses);
        var bad = await client.GetAsync("/my-requests?state=lost&limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("state", out _) && errors.TryGetProperty("limit", out _), errors.ToString());
    }

    [Fact]
    public async Task An_archived_organization_takes_no_new_requests()
    {
        var (world, requester, _) = await ArrangeAsync();
        await world.PublishAsync(new Platform.Contracts.Membership.OrganizationArchived(world.Organization, world.Owner, DateTimeOffset.UtcNow));
        await world.SettledAsync();
        await world.RequestAsync(requester, "order", expected: HttpStatusCode.Conflict);
    }

    private async Task<(World World, Guid Requester, Guid Manager)> ArrangeAsync()
    {
        var world = await World.OrganizationAsync(service);
        var manager = await world.MemberAsync("Max", "manager");
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", ManagersStep);
        return (world, requester, manager);
    }
}
