using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tests;

/// <summary>An organization's owner acting as one of its members, when the organization allows it.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OrganizationImpersonationTests(GatewayFixture platform)
{
    private const string Reason = "Member cannot find the order form";
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task The_owner_acts_as_a_member_audited_with_both_identities_and_ending_it_returns_to_the_owner()
    {
        var (ownerId, ownerEmail) = await callers.VerifiedUserAsync("org-owner");
        var owner = await callers.LogInForCookieAsync(ownerEmail);
        var organization = await callers.OwnOrganizationAsync(platform, owner, ownerId);
        var (memberId, memberEmail) = await callers.VerifiedUserAsync("org-member");
        await using (var bus = await TestBus.StartAsync(platform.Context.Servers.RabbitMq, platform.Context.MessagingPrefix))
        {
            // Membership's events for a member who joined and the organization's setting (published as membership would).
            await bus.PublishAsync(new MembershipGranted(organization, memberId, "member", null, ownerId, DateTimeOffset.UtcNow), Guid.NewGuid());
            await bus.PublishAsync(new OrganizationSecurityChanged(organization, false, AdminsMayImpersonate: true, ownerId, DateTimeOffset.UtcNow), Guid.NewGuid());
        }

        await platform.WaitForIdentityAsync(async db => await db.OrganizationMemberships.AnyAsync(m => m.UserId == memberId && m.OrganizationId == organization)
            && await db.Organizations.AnyAsync(o => o.Id == organization && o.AdminsMayImpersonate), "identity to learn the member and the setting");

        var started = await callers.WithCookieAsync(HttpMethod.Post, $"/api/identity/organizations/{organization}/members/{memberId}/impersonate", owner, new { reason = Reason });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        var probe = ForwardedRequests.NewProbe();
        var account = await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", owner, probe: probe);
        Assert.Equal(memberEmail, (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        var forwarded = callers.ForwardedToken(probe);
        Assert.Equal(memberId.ToString(), forwarded.Subject);
        Assert.Equal(ownerId.ToString(), JsonDocument.Parse(forwarded.GetClaim(InternalClaims.Actor).Value).RootElement.GetProperty("sub").GetString());
        Assert.Equal(organization.ToString(), forwarded.GetClaim(InternalClaims.ActiveOrganization).Value);
        // Impersonating again from inside is refused.
        await Problems.AssertProblemAsync(await callers.WithCookieAsync(HttpMethod.Post,
            $"/api/identity/organizations/{organization}/members/{memberId}/impersonate", owner, new { reason = Reason }), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await callers.WithCookieAsync(HttpMethod.Delete, "/api/identity/sessions/current", owner)).StatusCode);
        probe = ForwardedRequests.NewProbe();
        await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", owner, probe: probe);
        Assert.Equal(ownerId.ToString(), callers.ForwardedToken(probe).Subject);

        var own = await callers.LogInForCookieAsync(memberEmail);
        var history = (await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account/export", own)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("history").EnumerateArray().ToList();
        var entry = Assert.Single(history, e => e.GetProperty("action").GetString() == "impersonation.started");
        Assert.Equal(ownerId, entry.GetProperty("actorId").GetGuid());
        Assert.Contains(organization.ToString(), entry.GetProperty("detail").GetString());
        Assert.Contains(history, e => e.GetProperty("action").GetString() == "impersonation.ended" && e.GetProperty("actorId").GetGuid() == ownerId);
    }
}
