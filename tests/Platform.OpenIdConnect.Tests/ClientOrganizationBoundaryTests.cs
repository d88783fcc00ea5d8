using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>
/// A client app of one organization, holding a user's access token, acts for that user in its own organization only,
/// and never over the user's credentials: the user's other organizations answer 404 as to a stranger, in every service.
/// </summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class ClientOrganizationBoundaryTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task A_client_app_acts_for_the_user_in_its_own_organization_and_nowhere_else()
    {
        var ada = await setup.UserAsync("Ada");
        await setup.AllowTwoOrganizationsAsync(ada);
        var own = await OpenIdSetup.OrganizationAsync(ada);
        var other = await OpenIdSetup.OrganizationAsync(ada);
        var client = await OpenIdSetup.ClientAsync(ada, own);
        // Every service knows Ada owns both before the token is tried, so a 404 below is the boundary, not a late event.
        foreach (var organization in new[] { own, other })
        {
            await Eventually.TrueAsync(async () => (await ada.Http.GetAsync($"/api/approvals/organizations/{organization}/requests")).IsSuccessStatusCode,
                "approvals to know Ada's organizations");
            await Eventually.TrueAsync(async () => (await ada.Http.GetAsync($"/api/identity/organizations/{organization}/client-apps")).IsSuccessStatusCode,
                "identity to know Ada's organizations");
            await Eventually.TrueAsync(async () => (await ada.Http.GetAsync($"/api/notifications/organizations/{organization}/webhooks")).IsSuccessStatusCode,
                "notifications to know Ada's organizations");
        }

        var settings = setup.Settings(client, ada);
        settings["SCOPE"] = "openid profile email offline_access platform";
        var token = (await RelyingParty.RunAsync("tokens", settings)).GetProperty("accessToken").GetString()!;

        string[] perOrganization =
        [
            "/api/membership/organizations/{0}",
            "/api/membership/organizations/{0}/members",
            "/api/membership/authorization/check?organizationId={0}&permission=members.read",
            "/api/identity/organizations/{0}/audit",
            "/api/approvals/organizations/{0}/requests",
            "/api/notifications/organizations/{0}/webhooks",
        ];
        foreach (var path in perOrganization)
        {
            Assert.Equal(HttpStatusCode.OK, (await ada.Http.GetAsync(string.Format(path, other))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(token, HttpMethod.Get, string.Format(path, own)));
            var refused = await SendAsync(token, HttpMethod.Get, string.Format(path, other));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        // Routes that name the organization otherwise (by short name, or as the one to join) keep the boundary too.
        var otherSlug = (await ada.Http.GetFromJsonAsync<JsonElement>($"/api/membership/organizations/{other}")).GetProperty("slug").GetString();
        Assert.Equal(HttpStatusCode.OK, (await ada.Http.GetAsync($"/api/membership/organizations/by-slug/{otherSlug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(token, HttpMethod.Get, $"/api/membership/organizations/by-slug/{otherSlug}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(token, HttpMethod.Post, $"/api/membership/organizations/{other}/join-requests", new { }));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, HttpMethod.Post, "/api/membership/organizations",
            new { name = "Founded by an app", slug = $"app-{Guid.NewGuid():N}"[..20] }));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, HttpMethod.Get, "/api/identity/account/authorizations"));

        // Lists of the user's own things show the client's organization only.
        var listed = await SendAsync(token, HttpMethod.Get, "/api/membership/organizations");
        var ids = (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([own], ids);

        // Credentials, sessions, tokens and client apps' secrets stay with Ada herself; reading her account is what the token is for.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, HttpMethod.Get, $"/api/identity/organizations/{own}/client-apps"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(token, HttpMethod.Get, $"/api/identity/organizations/{other}/client-apps"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token, HttpMethod.Get, "/api/identity/account"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, HttpMethod.Get, "/api/identity/sessions"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, HttpMethod.Get, "/api/identity/account/export"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, HttpMethod.Post, "/api/identity/account/tokens",
            new { name = "kept after the app is gone", scopes = new[] { "members.read" } }));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(token, HttpMethod.Post, "/api/identity/account/password",
            new { currentPassword = GatewayUser.Password, newPassword = "a brand new passphrase for Ada" }));
        Assert.Empty((await (await ada.Http.GetAsync("/api/identity/account/tokens")).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
    }

    private async Task<HttpStatusCode> StatusAsync(string token, HttpMethod method, string path, object? body = null) =>
        (await SendAsync(token, method, path, body)).StatusCode;

    private async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? body = null)
    {
        using var http = new HttpClient { BaseAddress = setup.Gateway };
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
