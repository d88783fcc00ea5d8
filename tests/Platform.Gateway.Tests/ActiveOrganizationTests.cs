using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tests;

/// <summary>Switching the session's active organization without logging in again; the gateway forwards it as the org claim.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ActiveOrganizationTests(GatewayFixture platform)
{
    private const string SwitchPath = "/api/identity/sessions/current/organization";
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task A_member_switches_to_their_organization_and_the_next_request_carries_it_and_others_are_404()
    {
        var (userId, email) = await callers.VerifiedUserAsync("switcher");
        var cookie = await callers.LogInForCookieAsync(email);
        var organization = await OwnOrganizationAsync(cookie, userId);

        var switched = await callers.WithCookieAsync(HttpMethod.Put, SwitchPath, cookie, new { organizationId = organization });

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Equal(organization, (await switched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeOrganizationId").GetGuid());
        var current = await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/sessions/current", cookie)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(organization, current.GetProperty("activeOrganizationId").GetGuid());
        Assert.True(current.GetProperty("current").GetBoolean());
        var probe = ForwardedRequests.NewProbe();
        await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", cookie, probe: probe);
        Assert.Equal(organization.ToString(), callers.ForwardedToken(probe).GetClaim(InternalClaims.ActiveOrganization).Value);

        // Someone else's organization, or one that does not exist: 404, and the session is unchanged.
        var (otherId, otherEmail) = await callers.VerifiedUserAsync("other-owner");
        var others = await OwnOrganizationAsync(await callers.LogInForCookieAsync(otherEmail), otherId);
        foreach (var id in new[] { others, Guid.NewGuid() })
        {
            await Problems.AssertProblemAsync(await callers.WithCookieAsync(HttpMethod.Put, SwitchPath, cookie, new { organizationId = id }), HttpStatusCode.NotFound);
        }

        var cleared = await callers.WithCookieAsync(HttpMethod.Put, SwitchPath, cookie, new { organizationId = (Guid?)null });
        Assert.Equal(JsonValueKind.Null, (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeOrganizationId").ValueKind);
        probe = ForwardedRequests.NewProbe();
        await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", cookie, probe: probe);
        Assert.False(callers.ForwardedToken(probe).TryGetClaim(InternalClaims.ActiveOrganization, out _));
    }

    [Fact]
    public async Task An_archived_organization_cannot_be_switched_to()
    {
        var (userId, email) = await callers.VerifiedUserAsync("archiver");
        var cookie = await callers.LogInForCookieAsync(email);
        var organization = await OwnOrganizationAsync(cookie, userId);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Post, $"/api/membership/organizations/{organization}/archive", cookie)).StatusCode);
        await platform.WaitForIdentityAsync(db => db.Organizations.AnyAsync(o => o.Id == organization && o.ArchivedAt != null), "identity to learn of the archive");

        await Problems.AssertProblemAsync(await callers.WithCookieAsync(HttpMethod.Put, SwitchPath, cookie, new { organizationId = organization }), HttpStatusCode.NotFound);
    }

    private Task<Guid> OwnOrganizationAsync(string cookie, Guid userId) => callers.OwnOrganizationAsync(platform, cookie, userId);
}
