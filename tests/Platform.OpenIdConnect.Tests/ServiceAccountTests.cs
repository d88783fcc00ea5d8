using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>
/// A client app acting on its own (client credentials) holds the permission keys its registration gives its service
/// account, as an API token of the app would, read afresh: taking one away stops tokens already issued within seconds.
/// </summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class ServiceAccountTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task A_client_credentials_token_does_what_the_apps_service_account_may_and_no_more()
    {
        var owner = await setup.UserAsync("Sam");
        var organization = await OpenIdSetup.OrganizationAsync(owner);
        var registration = new
        {
            @public = false,
            redirectUris = Array.Empty<string>(),
            grantTypes = new[] { "client_credentials" },
            scopes = new[] { "platform" },
            serviceAccountPermissions = new[] { "approvals.request" },
        };
        var client = await OpenIdSetup.ClientAsync(owner, organization, registration);
        await Eventually.TrueAsync(async () => (await owner.Http.PutAsJsonAsync($"/api/approvals/organizations/{organization}/policies/order",
                new { steps = new[] { new { name = "the owner", source = "role", role = "owner" } } })).IsSuccessStatusCode,
            "approvals to let the owner set a policy", TimeSpan.FromSeconds(60));

        var token = (await RelyingParty.RunAsync("client-credentials", setup.Settings(client, owner))).GetProperty("accessToken").GetString()!;
        using var app = new HttpClient { BaseAddress = setup.Gateway };
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var order = new { type = "order", title = "Shop order 7", amount = 70m, currency = "EUR" };

        var created = await app.PostAsJsonAsync($"/api/approvals/organizations/{organization}/requests", order);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/approvals/requests/{id}")).StatusCode);
        // Nothing it was not given: no account to read, no members to list.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync("/api/identity/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.GetAsync($"/api/membership/organizations/{organization}/members")).StatusCode);

        var narrowed = await owner.Http.PutAsJsonAsync($"/api/identity/organizations/{organization}/client-apps/{client.Id}/openid-connect",
            registration with { serviceAccountPermissions = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, narrowed.StatusCode);
        await Eventually.TrueAsync(async () => (await app.PostAsJsonAsync($"/api/approvals/organizations/{organization}/requests", order)).StatusCode
            == HttpStatusCode.Forbidden, "the gateway to read the narrowed registration", TimeSpan.FromSeconds(10));
    }
}
