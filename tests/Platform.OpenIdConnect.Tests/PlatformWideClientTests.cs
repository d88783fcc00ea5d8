using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>
/// A platform-wide client app (Grafana, a Kubernetes dashboard), registered by a platform administrator: anyone may sign
/// in to it, its organizations claim lists all of the user's memberships, and its tokens act in each of them.
/// </summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class PlatformWideClientTests(OpenIdPlatform platform)
{
    private const string AdminPassword = "a lantern on the harbour wall";
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task A_platform_administrators_client_signs_anyone_in_with_all_their_organizations()
    {
        var admin = await InitialAdministratorAsync();
        var ada = await setup.UserAsync("Ada");
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.Http.PostAsJsonAsync("/api/identity/admin/client-apps", new { name = "Not mine to add" })).StatusCode);

        var registered = await admin.PostAsJsonAsync("/api/identity/admin/client-apps", new { name = "Grafana" });
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var app = await registered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, app.GetProperty("organizationId").ValueKind);
        var saved = await admin.PutAsJsonAsync($"/api/identity/admin/client-apps/{app.GetProperty("id")}/openid-connect", OpenIdSetup.ConfidentialWebApp);
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var client = new RegisteredClient(body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString());
        Assert.Contains(app.GetProperty("id").GetGuid(), (await admin.GetFromJsonAsync<JsonElement>("/api/identity/admin/client-apps"))
            .EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));

        await setup.AllowTwoOrganizationsAsync(ada);
        var organizations = new[] { await OpenIdSetup.OrganizationAsync(ada), await OpenIdSetup.OrganizationAsync(ada) };
        foreach (var organization in organizations)
        {
            await Eventually.TrueAsync(async () => (await ada.Http.GetAsync($"/api/identity/organizations/{organization}/client-apps")).IsSuccessStatusCode,
                "identity to know Ada's organizations");
        }

        var settings = setup.Settings(client, ada);
        settings["SCOPE"] = "openid profile email offline_access organizations platform";
        var seen = await RelyingParty.RunAsync("claims", settings);
        var claimed = seen.GetProperty("claims").GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("id").GetGuid());
        Assert.Equal(organizations.Order(), claimed.Order());

        var token = (await RelyingParty.RunAsync("tokens", settings)).GetProperty("accessToken").GetString()!;
        using var asAda = new HttpClient { BaseAddress = setup.Gateway };
        asAda.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var organization in organizations)
        {
            Assert.Equal(HttpStatusCode.OK, (await asAda.GetAsync($"/api/membership/organizations/{organization}/members")).StatusCode);
        }
    }

    /// <summary>The README's first administrator: the address from Accounts__InitialAdminEmail sets its password from the emailed link.</summary>
    private async Task<HttpClient> InitialAdministratorAsync()
    {
        var gateway = setup.Gateway;
        var mail = new MailDevClient(platform.App.GetEndpoint("smtp", "http"));
        var link = await mail.WaitForLinkAsync(RunningPlatform.InitialAdminEmail, "/api/identity/pages/reset-password", TimeSpan.FromSeconds(60));
        var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = gateway };
        var set = await admin.PostAsJsonAsync("/api/identity/accounts/password/reset", new { token = link.Token, newPassword = AdminPassword });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/identity/sessions", new { email = RunningPlatform.InitialAdminEmail, password = AdminPassword })).StatusCode);
        return admin;
    }
}
