using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Approvals.Tests;

/// <summary>
/// Another organization's data is a 404 on every endpoint, for its admins as much as for its members,
/// and a non-member or a suspended member counts as nobody.
/// </summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class TenantIsolationTests(ApprovalsApiFixture service)
{
    [Fact]
    public async Task Every_endpoint_answers_404_for_another_organizations_policies_and_requests_and_changes_nothing()
    {
        var acme = await World.OrganizationAsync(service, "Acme");
        var manager = await acme.MemberAsync("Max", "manager");
        var requester = await acme.MemberAsync("Rita");
        await acme.SettledAsync();
        await acme.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager" } } });
        var id = (await acme.RequestAsync(requester, "order")).GetProperty("id").GetGuid();

        var other = await World.OrganizationAsync(service, "Other");
        var otherAdmin = await other.MemberAsync("Oz", "admin");
        await other.SettledAsync();
        var intruders = new[] { other.Owner, otherAdmin, Guid.NewGuid() };
        var org = acme.Organization;

        foreach (var intruder in intruders)
        {
            var client = acme.As(intruder);
            var calls = new (string Name, Func<Task<HttpResponseMessage>> Call)[]
            {
                ("list policies", () => client.GetAsync($"/organizations/{org}/policies")),
                ("get policy", () => client.GetAsync($"/organizations/{org}/policies/order")),
                ("put policy", () => client.PutAsJsonAsync($"/organizations/{org}/policies/order", new { steps = new[] { new { name = "x", source = "role", role = "admin" } } })),
                ("delete policy", () => client.DeleteAsync($"/organizations/{org}/policies/order")),
                ("create request", () => client.PostAsJsonAsync($"/organizations/{org}/requests", new { type = "order", title = "x" })),
                ("get request", () => client.GetAsync($"/requests/{id}")),
                ("history", () => client.GetAsync($"/requests/{id}/history")),
                ("cancel", () => client.PostAsync($"/requests/{id}/cancel", null)),
                ("decide", () => client.PostAsJsonAsync($"/requests/{id}/decision", new { decision = "approve" })),
                ("new external link", () => client.PostAsync($"/requests/{id}/external-link", null)),
            };
            foreach (var (name, call) in calls)
                Assert.True((await call()).StatusCode == HttpStatusCode.NotFound, $"{name} by {intruder}");

            var pending = await client.GetFromJsonAsync<JsonElement>("/pending-approvals");
            Assert.DoesNotContain(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("requestId").GetGuid() == id);
        }

        var read = await acme.GetAsync(requester, id);
        Assert.Equal("pending", read.GetProperty("state").GetString());
        Assert.Equal([manager], World.PendingApprovers(read));
        Assert.Equal(HttpStatusCode.OK, (await acme.As(acme.Owner).GetAsync($"/organizations/{org}/policies/order")).StatusCode);
    }

    [Fact]
    public async Task A_client_app_of_another_organization_sees_nothing()
    {
        var acme = await World.OrganizationAsync(service, "Acme");
        var requester = await acme.MemberAsync("Rita");
        await acme.SettledAsync();
        await acme.PolicyAsync("order", new { steps = new[] { new { name = "admins", source = "role", role = "admin" } } });
        var id = (await acme.RequestAsync(requester, "order")).GetProperty("id").GetGuid();
        var other = await World.OrganizationAsync(service, "Other");
        await other.SettledAsync();
        var app = other.AsClientApp(Guid.NewGuid(), "approvals.request");

        Assert.Equal(HttpStatusCode.NotFound, (await app.GetAsync($"/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.PostAsJsonAsync($"/organizations/{acme.Organization}/requests", new { type = "order", title = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_suspended_member_or_account_counts_as_nobody_in_the_organization()
    {
        var acme = await World.OrganizationAsync(service);
        var requester = await acme.MemberAsync("Rita");
        var suspendedAccount = await acme.MemberAsync("Sal");
        await acme.SettledAsync();
        await acme.PolicyAsync("order", new { steps = new[] { new { name = "admins", source = "role", role = "admin" } } });
        var id = (await acme.RequestAsync(requester, "order")).GetProperty("id").GetGuid();

        await acme.PublishAsync(new Platform.Contracts.Membership.MembershipStateChanged(acme.Organization, requester, "suspended", acme.Owner, DateTimeOffset.UtcNow));
        await acme.PublishAsync(new Platform.Contracts.Identity.UserStateChanged(suspendedAccount, "active", "suspended", "admin", acme.Owner, DateTimeOffset.UtcNow));
        await acme.SettledAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await acme.As(requester).GetAsync($"/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await acme.As(suspendedAccount).PostAsJsonAsync($"/organizations/{acme.Organization}/requests", new { type = "order", title = "x" })).StatusCode);
    }
}
