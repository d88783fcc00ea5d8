using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Authentication;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>An organization's owner and admins manage its client apps and their tokens; for everyone else the organization's apps do not exist.</summary>
public sealed class OrganizationClientAppsTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    private static readonly object TokenRequest = new { name = "production", scopes = new[] { "members.read" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30) };

    [Theory]
    [InlineData("owner")]
    [InlineData("admin")]
    public async Task The_owner_and_admins_register_apps_issue_list_and_revoke_tokens(string rank)
    {
        var (organization, users) = await OrganizationAsync(rank);
        var client = As(users[0]);
        var apps = $"/organizations/{organization}/client-apps";

        var registered = await client.PostAsJsonAsync(apps, new { name = "Warehouse sync" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var appId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var issued = await client.PostAsJsonAsync($"{apps}/{appId}/tokens", TokenRequest);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var tokenId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Single((await client.GetFromJsonAsync<JsonElement>(apps)).EnumerateArray());
        Assert.Equal(new[] { "members.read" }, (await client.GetFromJsonAsync<JsonElement>($"{apps}/{appId}/tokens")).EnumerateArray().Single()
            .GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{apps}/{appId}/tokens/{tokenId}")).StatusCode);
        Assert.True(await service.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Id == tokenId && t.RevokedAt != null)));
    }

    [Fact]
    public async Task Members_below_admin_admins_of_other_organizations_and_everyone_after_archiving_get_404_on_every_endpoint()
    {
        var (organization, users) = await OrganizationAsync("owner", "manager", "member");
        var (otherOrganization, others) = await OrganizationAsync("admin");
        var appId = await RegisterAsync(As(users[0]), organization);
        var tokenId = await IssueAsync(As(users[0]), organization, appId);

        foreach (var caller in new[] { users[1], users[2], others[0] })
        {
            await AssertEveryEndpointAsync(As(caller), organization, appId, tokenId, HttpStatusCode.NotFound);
        }

        // Another organization's app is not reachable through one's own organization either.
        await AssertEveryEndpointAsync(As(others[0]), otherOrganization, appId, tokenId, HttpStatusCode.NotFound, skipCollection: true);

        await service.Bus.PublishAsync(new OrganizationArchived(organization, users[0], DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Id == organization && o.ArchivedAt != null)), "the archive");
        await AssertEveryEndpointAsync(As(users[0]), organization, appId, tokenId, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await service.AdminClient().GetAsync($"/organizations/{organization}/client-apps")).StatusCode);
    }

    private async Task AssertEveryEndpointAsync(HttpClient client, Guid organization, Guid appId, Guid tokenId, HttpStatusCode expected, bool skipCollection = false)
    {
        var apps = $"/organizations/{organization}/client-apps";
        var responses = new List<HttpResponseMessage>
        {
            await client.PostAsJsonAsync($"{apps}/{appId}/tokens", TokenRequest),
            await client.GetAsync($"{apps}/{appId}/tokens"),
            await client.DeleteAsync($"{apps}/{appId}/tokens/{tokenId}"),
        };
        if (!skipCollection)
        {
            responses.Add(await client.PostAsJsonAsync(apps, new { name = "Intruder" }));
            responses.Add(await client.GetAsync(apps));
        }

        foreach (var response in responses) await response.ProblemAsync(expected);
        Assert.False(await service.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Id == tokenId && t.RevokedAt != null)));
    }

    private HttpClient As(Guid userId) => service.Host.CreateClientAs(new InternalIdentity(userId, SessionId: "session"));

    private static async Task<Guid> RegisterAsync(HttpClient client, Guid organization)
    {
        var registered = await client.PostAsJsonAsync($"/organizations/{organization}/client-apps", new { name = "Warehouse sync" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> IssueAsync(HttpClient client, Guid organization, Guid appId)
    {
        var issued = await client.PostAsJsonAsync($"/organizations/{organization}/client-apps/{appId}/tokens", TokenRequest);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<(Guid Organization, Guid[] Users)> OrganizationAsync(params string[] ranks)
    {
        var organization = Guid.NewGuid();
        var users = ranks.Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < ranks.Length; i++)
        {
            await service.Bus.PublishAsync(new MembershipGranted(organization, users[i], ranks[i], null, null, DateTimeOffset.UtcNow), Guid.NewGuid());
        }

        await Eventually.TrueAsync(async () => await service.WithDbAsync(db => db.OrganizationMemberships.CountAsync(m => m.OrganizationId == organization)) == ranks.Length,
            "identity to learn the members");
        return (organization, users);
    }
}
