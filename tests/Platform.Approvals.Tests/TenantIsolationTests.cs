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
                ("a member as an approver", () => client.GetAsync($"/approvers/{requester}")),
                ("the owner as an approver", () => client.GetAsync($"/approvers/{acme.Owner}")),
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
    public async Task A_person_is_seen_by_themselves_their_organizations_members_and_a_platform_admin_only()
    {
        var acme = await World.OrganizationAsync(service, "Acme");
        var viewer = await acme.MemberAsync("Vic", "viewer");
        var suspended = await acme.MemberAsync("Sue");
        var other = await World.OrganizationAsync(service, "Other");
        await acme.PublishAsync(new Platform.Contracts.Membership.MembershipStateChanged(acme.Organization, suspended, "suspended", acme.Owner, DateTimeOffset.UtcNow));
        await acme.SettledAsync();
        await other.SettledAsync();

        Assert.Equal(HttpStatusCode.OK, (await acme.As(viewer).GetAsync($"/approvers/{viewer}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.As(viewer).GetAsync($"/approvers/{acme.Owner}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.As(acme.Owner).GetAsync($"/approvers/{viewer}")).StatusCode);
        var admin = service.Host.CreateClientAs(new Platform.ServiceDefaults.Authentication.InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/approvers/{viewer}")).StatusCode);

        var stranger = await acme.As(other.Owner).GetAsync($"/approvers/{viewer}");
        var nobody = await acme.As(other.Owner).GetAsync($"/approvers/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal((await nobody.Content.ReadAsStringAsync()).Length, (await stranger.Content.ReadAsStringAsync()).Length);
        Assert.DoesNotContain("Vic", await stranger.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await acme.As(suspended).GetAsync($"/approvers/{viewer}")).StatusCode);
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
