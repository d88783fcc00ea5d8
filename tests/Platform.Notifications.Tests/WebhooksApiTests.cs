using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Tests;

/// <summary>
/// Registering and managing webhook endpoints, on a host with the production rule for addresses
/// (<c>Webhooks:AllowPrivateAddresses</c> false). 1.1.1.1 stands for a public receiver: it is never
/// called here, because no event is published for these organizations.
/// </summary>
[Collection(SharedServiceCollection.Name)]
public sealed class WebhooksApiTests(NotificationsServiceFixture service)
{
    private const string PublicUrl = "https://1.1.1.1/hooks";
    private HttpClient Admin => service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));

    [Fact]
    public async Task A_registered_endpoint_shows_its_secret_once()
    {
        var organization = Guid.NewGuid();

        var response = await Admin.PostAsJsonAsync($"/organizations/{organization}/webhooks",
            new { url = PublicUrl, eventTypes = new[] { "group.message-posted" }, description = "CRM sync" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret[6..]).Length);
        Assert.Equal("active", created.GetProperty("state").GetString());
        var id = created.GetProperty("id").GetString();
        Assert.Equal($"/organizations/{organization}/webhooks/{id}", response.Headers.Location?.OriginalString);

        var fetched = await Admin.GetStringAsync($"/organizations/{organization}/webhooks/{id}");
        var listed = await Admin.GetStringAsync($"/organizations/{organization}/webhooks");
        Assert.DoesNotContain(secret[6..], fetched + listed);
        Assert.DoesNotContain("\"secret\"", fetched + listed);
        Assert.Contains("CRM sync", listed);
    }

    [Fact]
    public async Task Rotating_the_secret_shows_a_new_one()
    {
        var organization = Guid.NewGuid();
        var created = await RegisterAsync(organization);

        var rotated = await (await Admin.PostAsync($"/organizations/{organization}/webhooks/{created.Id}/rotate-secret", null))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.StartsWith("whsec_", rotated.GetProperty("secret").GetString());
        Assert.NotEqual(created.Secret, rotated.GetProperty("secret").GetString());
    }

    [Fact]
    public async Task Another_organizations_endpoint_is_not_found_there()
    {
        var created = await RegisterAsync(Guid.NewGuid());
        var other = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/organizations/{other}/webhooks/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync($"/organizations/{other}/webhooks/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.PostAsync($"/organizations/{other}/webhooks/{created.Id}/rotate-secret", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/organizations/{other}/webhooks/{created.Id}/deliveries")).StatusCode);
        Assert.Equal(0, (await Admin.GetFromJsonAsync<JsonElement>($"/organizations/{other}/webhooks")).GetArrayLength());
    }

    [Fact]
    public async Task A_deleted_endpoint_is_gone()
    {
        var organization = Guid.NewGuid();
        var created = await RegisterAsync(organization);

        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/organizations/{organization}/webhooks/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/organizations/{organization}/webhooks/{created.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hooks", "127.0.0.1 is a loopback address")]
    [InlineData("http://localhost:8080/hooks", "The host localhost resolves to")]
    [InlineData("https://10.0.0.5/hooks", "10.0.0.5 is a private address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "a link-local address")]
    [InlineData("https://[::1]/hooks", "::1 is a loopback address")]
    [InlineData("https://[fd00::5]/hooks", "a unique-local address")]
    [InlineData("ftp://1.1.1.1/hooks", "must be an absolute https (or http) URL")]
    [InlineData("/hooks", "must be an absolute https")]
    [InlineData("https://user:pw@1.1.1.1/hooks", "must not carry credentials")]
    public async Task A_url_inside_the_network_or_otherwise_unfit_is_refused_with_the_reason(string url, string reason)
    {
        var response = await Admin.PostAsJsonAsync($"/organizations/{Guid.NewGuid()}/webhooks",
            new { url, eventTypes = new[] { "group.message-posted" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }

    [Fact]
    public async Task Unknown_event_types_are_refused_with_the_known_ones()
    {
        var response = await Admin.PostAsJsonAsync($"/organizations/{Guid.NewGuid()}/webhooks",
            new { url = PublicUrl, eventTypes = new[] { "user.deleted" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("eventTypes")[0].GetString();
        Assert.Contains("Unknown event type user.deleted", error);
        Assert.Contains("group.message-posted", error);
    }

    [Fact]
    public async Task Without_a_caller_the_answer_is_401_and_to_someone_who_administers_nothing_404()
    {
        var path = $"/organizations/{Guid.NewGuid()}/webhooks";
        var stranger = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Host.CreateClient().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync(path, new { url = PublicUrl, eventTypes = new[] { "group.message-posted" } })).StatusCode);
    }

    private async Task<(string Id, string Secret)> RegisterAsync(Guid organization)
    {
        var response = await Admin.PostAsJsonAsync($"/organizations/{organization}/webhooks",
            new { url = PublicUrl, eventTypes = new[] { "group.message-posted" } });
        var created = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }
}
