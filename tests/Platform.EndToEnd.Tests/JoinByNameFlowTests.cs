using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Joining by name, through the gateway with every service running: an owner opens the organization to join
/// requests, a person finds it by its slug and asks with one call, the owner approves, and the person is a member
/// of the unit they asked for.
/// </summary>
[Collection(RunningPlatformCollection.Name)]
public sealed class JoinByNameFlowTests(RunningPlatform platform)
{
    [Fact]
    public async Task A_person_finds_an_open_organization_by_its_slug_asks_to_join_and_is_a_member_once_the_owner_approves()
    {
        var gateway = platform.App.GetEndpoint("gateway");
        var mail = new MailDevClient(platform.App.GetEndpoint("smtp", "http"));
        var owner = await GatewayUser.SignUpAsync(gateway, mail, "Frieda");
        var slug = $"coop-{Guid.NewGuid():N}"[..20];
        var created = await owner.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Food Co-op", slug });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var unit = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/units", new { name = "Tuesday order group", label = "order group" });
        Assert.Equal(HttpStatusCode.Created, unit.StatusCode);
        var unitId = (await unit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var person = await GatewayUser.SignUpAsync(gateway, mail, "Otto");

        // Closed: the slug is not found, and asking is refused the same way.
        Assert.Equal(HttpStatusCode.NotFound, (await person.Http.GetAsync($"/api/membership/organizations/by-slug/{slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.Http.PostAsJsonAsync($"/api/membership/organizations/{slug}/join-requests", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.Http.PatchMergeAsync($"/api/membership/organizations/{organization}/settings", new { openToJoinRequests = true })).StatusCode);
        var found = await person.Http.GetFromJsonAsync<JsonElement>($"/api/membership/organizations/by-slug/{slug}");
        Assert.Equal(organization, found.GetProperty("id").GetGuid());

        // Open, but without a policy for membership.join nobody would decide: approvals says so (once it knows the organization).
        var noPolicy = await Eventually.GetAsync(async () =>
        {
            var response = await person.Http.PostAsJsonAsync($"/api/membership/organizations/{slug}/join-requests", new { });
            return response.StatusCode == HttpStatusCode.ServiceUnavailable ? null : response;
        }, "approvals to know the organization", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.BadRequest, noPolicy.StatusCode);
        Assert.Contains("membership.join", await noPolicy.Content.ReadAsStringAsync());

        var policy = await owner.Http.PutAsJsonAsync($"/api/approvals/organizations/{organization}/policies/membership.join",
            new { steps = new[] { new { name = "the owner", source = "role", role = "owner" } } });
        Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());

        // Asking twice at once (a double click) files one request: the other ask is a 409 naming it.
        var asks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => person.Http.PostAsJsonAsync($"/api/membership/organizations/{slug}/join-requests",
            new { message = "We live two streets away.", unitIds = new[] { unitId } })));
        var asked = asks.FirstOrDefault(a => a.StatusCode == HttpStatusCode.Created);
        Assert.True(asked is not null, string.Join(" | ", await Task.WhenAll(asks.Select(a => a.Content.ReadAsStringAsync()))));
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var requestId = request.GetProperty("id").GetGuid();
        Assert.Equal($"/api/approvals/requests/{requestId}", asked.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, Assert.Single(asks, a => a != asked).StatusCode);
        var again = await person.Http.PostAsJsonAsync($"/api/membership/organizations/{slug}/join-requests", new { message = "Did you get it?" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal($"/api/approvals/requests/{requestId}", again.Headers.Location?.OriginalString);
        Assert.Equal(requestId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetGuid());
        Assert.Equal("membership.join", request.GetProperty("type").GetString());
        Assert.Contains("Otto", request.GetProperty("title").GetString());

        // The person follows their request; the owner finds it waiting and approves.
        Assert.Equal("pending", (await person.Http.GetFromJsonAsync<JsonElement>($"/api/approvals/requests/{requestId}")).GetProperty("state").GetString());
        var pending = await owner.Http.GetFromJsonAsync<JsonElement>("/api/approvals/pending-approvals");
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("requestId").GetGuid() == requestId);
        var decided = await owner.Http.PostAsJsonAsync($"/api/approvals/requests/{requestId}/decision", new { decision = "approve", comment = "Welcome!" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());

        var personId = (await person.Http.GetFromJsonAsync<JsonElement>("/api/identity/account")).GetProperty("id").GetGuid();
        var membership = await Eventually.GetValueAsync(async () =>
        {
            var response = await owner.Http.GetAsync($"/api/membership/organizations/{organization}/members/{personId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, "membership to grant the approved join", TimeSpan.FromSeconds(60));
        Assert.Equal("member", membership.GetProperty("rank").GetString());
        Assert.Equal([unitId], membership.GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()));

        var member = await person.Http.PostAsJsonAsync($"/api/membership/organizations/{slug}/join-requests", new { });
        Assert.Equal(HttpStatusCode.Conflict, member.StatusCode);
        Assert.Equal("member", (await person.Http.GetFromJsonAsync<JsonElement>($"/api/membership/organizations/by-slug/{slug}")).GetProperty("myRank").GetString());

        // The decided request no longer stands in the way: someone who left may ask again.
        Assert.Equal(HttpStatusCode.NoContent, (await person.Http.DeleteAsync($"/api/membership/organizations/{organization}/members/{personId}")).StatusCode);
        var afterLeaving = await person.Http.PostAsJsonAsync($"/api/membership/organizations/{slug}/join-requests", new { });
        Assert.True(afterLeaving.StatusCode == HttpStatusCode.Created, await afterLeaving.Content.ReadAsStringAsync());
    }
}
