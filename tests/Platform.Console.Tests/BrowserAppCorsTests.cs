using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// Issue 16, single-page apps: a browser app registered as a public OpenID client runs on its own origin and talks to
/// the gateway cross-origin, as chromium enforces it: it reads discovery, reaches the token endpoint and calls the API
/// with a bearer token. A page on an origin no client registered reads none of it.
/// </summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed class BrowserAppCorsTests(ConsolePlatform platform)
{
    [Fact]
    public async Task A_registered_browser_app_reaches_the_provider_and_the_api_from_its_own_origin_and_a_stranger_does_not()
    {
        // Two small web servers on this machine, as a developer's SPA dev server would be (so chromium sees a loopback page calling a loopback gateway).
        await using var appSite = await StaticSite.StartAsync();
        await using var strangerSite = await StaticSite.StartAsync();
        var owner = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Selma");
        var clientId = await RegisterBrowserAppAsync(owner, appSite.Origin);

        await using var app = await PageOnAsync(appSite.Origin);
        var seen = await FetchAllAsync(app.Page, clientId);
        Assert.Equal("200", seen.GetProperty("discovery").GetString());
        // The provider's own answer to a made-up code, readable by the page: the request was not refused as cross-site.
        Assert.Equal("400 invalid_grant", seen.GetProperty("token").GetString());
        Assert.Equal("401", seen.GetProperty("api").GetString());

        await using var stranger = await PageOnAsync(strangerSite.Origin);
        var refused = await FetchAllAsync(stranger.Page, clientId);
        foreach (var call in new[] { "discovery", "token", "api" })
        {
            Assert.Equal("blocked", refused.GetProperty(call).GetString());
        }
    }

    private async Task<string> RegisterBrowserAppAsync(GatewayUser owner, string appOrigin)
    {
        var created = await owner.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Browser Apps", slug = $"spa-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var app = await Eventually.GetValueAsync(async () =>
        {
            var response = await owner.Http.PostAsJsonAsync($"/api/identity/organizations/{organization}/client-apps", new { name = "Route planner" });
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, "identity to know the owner", TimeSpan.FromSeconds(30));
        var saved = await owner.Http.PutAsJsonAsync($"/api/identity/organizations/{organization}/client-apps/{app.GetProperty("id")}/openid-connect", new
        {
            @public = true,
            redirectUris = new[] { $"{appOrigin}/callback" },
            grantTypes = new[] { "authorization_code", "refresh_token" },
            scopes = new[] { "openid", "profile", "offline_access", "platform" },
        });
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientId").GetString()!;
    }

    /// <summary>A fresh browser on the page of <paramref name="origin"/>.</summary>
    private async Task<ConsoleVisitor> PageOnAsync(string origin)
    {
        var visitor = await platform.VisitAsync($"browser-app-{new Uri(origin).Port}");
        await visitor.Page.GotoAsync($"{origin}/");
        return visitor;
    }

    /// <summary>What the page's own fetch calls to the gateway see: the status (and error), or "blocked" when the browser withheld the answer.</summary>
    private async Task<JsonElement> FetchAllAsync(IPage page, string clientId) =>
        await page.EvaluateAsync<JsonElement>(
            """
            async ([gateway, clientId, origin]) => {
              const attempt = async (call) => { try { return await call(); } catch { return 'blocked'; } };
              const discovery = await attempt(async () => `${(await fetch(`${gateway}.well-known/openid-configuration`)).status}`);
              const token = await attempt(async () => {
                const response = await fetch(`${gateway}connect/token`, {
                  method: 'POST',
                  body: new URLSearchParams({ grant_type: 'authorization_code', code: 'made-up', client_id: clientId,
                    redirect_uri: `${origin}/callback`, code_verifier: 'a'.repeat(43) }),
                });
                return `${response.status} ${(await response.json()).error}`;
              });
              const api = await attempt(async () => `${(await fetch(`${gateway}api/identity/account`,
                { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.c2ln' } })).status}`);
              return { discovery, token, api };
            }
            """,
            new object[] { platform.Gateway.ToString(), clientId, new Uri(page.Url).GetLeftPart(UriPartial.Authority) });

    /// <summary>One page, served over HTTP on a free loopback port: where a browser app's files would come from.</summary>
    private sealed class StaticSite(WebApplication site) : IAsyncDisposable
    {
        public string Origin { get; } = site.Urls.Single().TrimEnd('/');

        public static async Task<StaticSite> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var site = builder.Build();
            site.MapGet("/", () => Results.Content("<!doctype html><html lang=\"en\"><title>Route planner</title><h1>Route planner</h1></html>", "text/html"));
            await site.StartAsync();
            return new StaticSite(site);
        }

        public ValueTask DisposeAsync() => site.DisposeAsync();
    }
}
