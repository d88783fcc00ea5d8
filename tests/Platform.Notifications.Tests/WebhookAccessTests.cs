using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Tests;

/// <summary>
/// An organization's owner and admins manage its webhooks; to everyone else but platform administrators
/// its endpoints do not exist. 1.1.1.1 stands for a public receiver and is never called: no event these
/// organizations' endpoints subscribe to is published.
/// </summary>
[Collection(SharedServiceCollection.Name)]
public sealed class WebhookAccessTests(NotificationsServiceFixture service)
{
    internal const string PublicUrl = "https://1.1.1.1/hooks";
    private const string MergePatchMediaType = "application/merge-patch+json";
    private const string WebhooksRoute = "/organizations/{organizationId:guid}/webhooks";

    private HttpClient PlatformAdmin => service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));

    [Theory]
    [InlineData("owner")]
    [InlineData("admin")]
    public async Task An_organization_owner_or_admin_manages_its_webhooks(string rank)
    {
        var organization = Guid.NewGuid();
        var userId = Guid.NewGuid();
        await service.GrantAsync(organization, userId, rank);
        var client = service.Host.CreateClientAs(new InternalIdentity(userId));
        var path = $"/organizations/{organization}/webhooks";

        var created = await (await client.PostAsJsonAsync(path, new { url = PublicUrl, eventTypes = new[] { "group.message-posted" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString());

        var updated = await client.PatchMergeAsync($"{path}/{id}", new { eventTypes = new[] { "membership.granted", "unit.created" }, description = "Directory sync" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var endpoint = await client.GetFromJsonAsync<JsonElement>($"{path}/{id}");
        Assert.Equal(["membership.granted", "unit.created"], endpoint.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Directory sync", endpoint.GetProperty("description").GetString());
        Assert.Equal(PublicUrl, endpoint.GetProperty("url").GetString());

        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>(path)).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{path}/{id}/rotate-secret", null)).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"{path}/{id}/deliveries")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{path}/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_update_is_validated_like_a_registration_and_changes_nothing_when_refused()
    {
        var organization = Guid.NewGuid();
        var id = await RegisterAsync(organization);
        var path = $"/organizations/{organization}/webhooks/{id}";

        var response = await PlatformAdmin.PatchMergeAsync(path, new { url = "https://10.0.0.5/hooks", eventTypes = new[] { "user.deleted" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("private address", errors.GetProperty("url")[0].GetString());
        Assert.Contains("Unknown event type user.deleted", errors.GetProperty("eventTypes")[0].GetString());
        var endpoint = await PlatformAdmin.GetFromJsonAsync<JsonElement>(path);
        Assert.Equal(PublicUrl, endpoint.GetProperty("url").GetString());
        Assert.Equal(["group.message-posted"], endpoint.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Every_webhook_route_of_an_organization_is_not_found_for_anyone_who_does_not_administer_it()
    {
        var organization = Guid.NewGuid();
        var id = await RegisterAsync(organization);
        var before = await PlatformAdmin.GetStringAsync($"/organizations/{organization}/webhooks/{id}");

        var adminElsewhere = Guid.NewGuid();
        await service.GrantAsync(Guid.NewGuid(), adminElsewhere, "admin");
        var member = Guid.NewGuid();
        await service.GrantAsync(organization, member, "manager");
        var unitAdmin = Guid.NewGuid();
        await service.GrantAsync(organization, unitAdmin, "admin", scopeUnitId: Guid.NewGuid());
        var suspendedAdmin = Guid.NewGuid();
        await service.GrantAsync(organization, suspendedAdmin, "admin");
        await service.SuspendAsync(organization, suspendedAdmin);
        var formerAdmin = Guid.NewGuid();
        await service.GrantAsync(organization, formerAdmin, "admin");
        await service.RevokeAsync(organization, formerAdmin);
        var outsiders = new[] { Guid.NewGuid(), adminElsewhere, member, unitAdmin, suspendedAdmin, formerAdmin };

        var routes = WebhookRoutes();
        Assert.True(routes.Count >= 9, $"expected every webhook route, found {routes.Count}");
        foreach (var outsider in outsiders)
        {
            var client = service.Host.CreateClientAs(new InternalIdentity(outsider));
            foreach (var (method, pattern) in routes)
            {
                var path = pattern.Replace("{organizationId:guid}", organization.ToString()).Replace("{id:guid}", id);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PATCH" or "PUT")
                {
                    request.Content = JsonContent.Create(new { url = PublicUrl, eventTypes = new[] { "group.message-posted" }, description = "taken over" },
                        method == "PATCH" ? new MediaTypeHeaderValue(MergePatchMediaType) : null);
                }

                var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {pattern} as {outsider}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(before, await PlatformAdmin.GetStringAsync($"/organizations/{organization}/webhooks/{id}"));
        Assert.Equal(1, (await PlatformAdmin.GetFromJsonAsync<JsonElement>($"/organizations/{organization}/webhooks")).GetArrayLength());
        Assert.Equal(0, (await PlatformAdmin.GetFromJsonAsync<JsonElement>($"/organizations/{organization}/webhooks/{id}/deliveries"))
            .GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_admin_loses_access_when_demoted_and_the_new_owner_gains_it_by_a_transfer()
    {
        var organization = Guid.NewGuid();
        var id = await RegisterAsync(organization);
        var admin = Guid.NewGuid();
        var heir = Guid.NewGuid();
        await service.GrantAsync(organization, admin, "admin");
        await service.GrantAsync(organization, heir, "member");
        var path = $"/organizations/{organization}/webhooks/{id}";
        Assert.Equal(HttpStatusCode.OK, (await service.Host.CreateClientAs(new InternalIdentity(admin)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Host.CreateClientAs(new InternalIdentity(heir)).GetAsync(path)).StatusCode);

        await service.Bus.PublishAsync(new MembershipRoleChanged(organization, admin, "admin", "member", null, Guid.NewGuid(), DateTimeOffset.UtcNow), NewId.NextGuid());
        await service.Bus.PublishAsync(new OwnershipTransferred(organization, Guid.NewGuid(), heir, Guid.NewGuid(), DateTimeOffset.UtcNow), NewId.NextGuid());

        await Eventually.TrueAsync(async () => !await service.IsAdministratorAsync(organization, admin) && await service.IsAdministratorAsync(organization, heir),
            "the demotion and the transfer");
        Assert.Equal(HttpStatusCode.NotFound, (await service.Host.CreateClientAs(new InternalIdentity(admin)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Host.CreateClientAs(new InternalIdentity(heir)).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Nobody_but_platform_administrators_manages_the_webhooks_of_an_archived_organization()
    {
        var organization = Guid.NewGuid();
        var owner = Guid.NewGuid();
        await service.GrantAsync(organization, owner, "owner");

        await service.Bus.PublishAsync(new OrganizationArchived(organization, owner, DateTimeOffset.UtcNow), NewId.NextGuid());

        await Eventually.TrueAsync(async () => !await service.IsAdministratorAsync(organization, owner), "the archive to be known");
        var path = $"/organizations/{organization}/webhooks";
        Assert.Equal(HttpStatusCode.NotFound, (await service.Host.CreateClientAs(new InternalIdentity(owner)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PlatformAdmin.GetAsync(path)).StatusCode);
    }

    private List<(string Method, string Pattern)> WebhookRoutes() =>
        service.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(WebhooksRoute, StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (method, e.RoutePattern.RawText!)))
            .ToList();

    internal static async Task<string> RegisterAsync(HttpClient client, Guid organization, string? description = null)
    {
        var response = await client.PostAsJsonAsync($"/organizations/{organization}/webhooks",
            new { url = PublicUrl, eventTypes = new[] { "group.message-posted" }, description });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private Task<string> RegisterAsync(Guid organization) => RegisterAsync(PlatformAdmin, organization);
}
