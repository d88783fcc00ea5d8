using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Gateway.Tests;

/// <summary>
/// Senior managers (a manager without a unit scope) and holders of a role with approvals.read read
/// every approval request of their organization; a manager limited to a unit, and a member not asked,
/// read only their own.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SeniorManagerApprovalsTests(GatewayFixture platform)
{
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task A_senior_manager_and_an_approvals_reader_read_every_request_a_unit_manager_and_a_member_only_their_own()
    {
        var (ownerId, ownerEmail) = await callers.VerifiedUserAsync("owner");
        var owner = await callers.LogInForCookieAsync(ownerEmail);
        var organization = await callers.OwnOrganizationAsync(platform, owner, ownerId);
        var unit = (await (await callers.WithCookieAsync(HttpMethod.Post, $"/api/membership/organizations/{organization}/units", owner,
            new { name = "North branch", label = "branch" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var role = await callers.WithCookieAsync(HttpMethod.Post, $"/api/membership/organizations/{organization}/roles", owner,
            new { name = "Auditor", permissions = new[] { "approvals.read" } });
        Assert.Equal(HttpStatusCode.Created, role.StatusCode);
        var roleId = (await role.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var requester = await MemberAsync(organization, owner, "requester", "member");
        var senior = await MemberAsync(organization, owner, "senior", "manager");
        var unitManager = await MemberAsync(organization, owner, "unitmanager", "manager", unit);
        var auditor = await MemberAsync(organization, owner, "auditor", "member");
        var colleague = await MemberAsync(organization, owner, "colleague", "member");
        var granted = await callers.WithCookieAsync(HttpMethod.Post, $"/api/membership/organizations/{organization}/members/{auditor.Id}/roles", owner,
            new { roleId, scope = "organization" });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);

        var policy = new { steps = new[] { new { name = "Owner", source = "named-people", requiredApprovals = 1, people = new[] { ownerId } } } };
        await Eventually.TrueAsync(async () => (await callers.WithCookieAsync(HttpMethod.Put, $"/api/approvals/organizations/{organization}/policies/purchase",
            owner, policy)).IsSuccessStatusCode, "approvals to let the owner set a policy");
        var created = await Eventually.GetAsync(async () =>
        {
            var response = await callers.WithCookieAsync(HttpMethod.Post, $"/api/approvals/organizations/{organization}/requests", requester.Cookie,
                new { type = "purchase", title = "New ladder" });
            return response.StatusCode == HttpStatusCode.Created ? response : null;
        }, "approvals to let the member ask");
        var requestId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        foreach (var reader in new[] { senior, auditor })
        {
            await Eventually.TrueAsync(async () =>
                (await callers.WithCookieAsync(HttpMethod.Get, $"/api/approvals/requests/{requestId}", reader.Cookie)).StatusCode == HttpStatusCode.OK,
                $"{reader.Name} to read the request");
            Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, $"/api/approvals/requests/{requestId}/history", reader.Cookie)).StatusCode);
            var page = await ListAsync(organization, reader.Cookie);
            Assert.True(page.GetProperty("allRequests").GetBoolean());
            Assert.Contains(page.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == requestId);
        }

        foreach (var bystander in new[] { unitManager, colleague })
        {
            // Approvals knows them as members (the list answers), and still shows them nothing of the request.
            var page = await Eventually.GetAsync(async () =>
            {
                var response = await callers.WithCookieAsync(HttpMethod.Get, $"/api/approvals/organizations/{organization}/requests", bystander.Cookie);
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            }, $"approvals to know {bystander.Name}");
            Assert.False(page!.Value.GetProperty("allRequests").GetBoolean());
            Assert.Empty(page.Value.GetProperty("items").EnumerateArray());
            Assert.Equal(HttpStatusCode.NotFound, (await callers.WithCookieAsync(HttpMethod.Get, $"/api/approvals/requests/{requestId}", bystander.Cookie)).StatusCode);
        }

        var own = await ListAsync(organization, requester.Cookie);
        Assert.Equal(requestId, Assert.Single(own.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var wrongState = await callers.WithCookieAsync(HttpMethod.Get, $"/api/approvals/organizations/{organization}/requests?state=maybe", senior.Cookie);
        Assert.Equal(HttpStatusCode.BadRequest, wrongState.StatusCode);
    }

    private async Task<JsonElement> ListAsync(Guid organization, string cookie)
    {
        var response = await callers.WithCookieAsync(HttpMethod.Get, $"/api/approvals/organizations/{organization}/requests?pageSize=10", cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Person> MemberAsync(Guid organization, string owner, string name, string rank, Guid? scopeUnitId = null)
    {
        var (id, email) = await callers.VerifiedUserAsync(name);
        await Eventually.TrueAsync(async () => (await callers.WithCookieAsync(HttpMethod.Post, $"/api/membership/organizations/{organization}/members", owner,
            new { email, rank, scopeUnitId, unitIds = scopeUnitId is { } unit ? new[] { unit } : [] })).StatusCode == HttpStatusCode.Created,
            $"membership to add {name}");
        return new Person(name, id, await callers.LogInForCookieAsync(email));
    }

    private sealed record Person(string Name, Guid Id, string Cookie);
}
