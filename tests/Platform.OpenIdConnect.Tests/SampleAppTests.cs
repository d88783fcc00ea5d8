using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Platform.EndToEnd.Tests;
using Platform.Samples.OpenIdClient;

namespace Platform.OpenIdConnect.Tests;

/// <summary>
/// samples/Platform.Samples.OpenIdClient, an ASP.NET Core app with the stock OpenID Connect handler, signs a user in
/// through the gateway; the test is the browser (an HttpClient with a cookie jar that follows redirects).
/// </summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed partial class SampleAppTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task The_sample_app_signs_a_user_in_through_the_gateway_and_shows_the_claims()
    {
        var owner = await setup.UserAsync("Mae");
        var organization = await OpenIdSetup.OrganizationAsync(owner);
        var port = FreePort();
        var sample = $"http://127.0.0.1:{port}";
        var client = await OpenIdSetup.ClientAsync(owner, organization, new
        {
            @public = false,
            redirectUris = new[] { $"{sample}/signin-oidc" },
            postLogoutRedirectUris = new[] { $"{sample}/signout-callback-oidc" },
            grantTypes = new[] { "authorization_code" },
            scopes = new[] { "openid", "profile", "email", "organizations" },
        });
        await using var app = SampleApp.Build(
            ["--urls", sample, "--Platform:Authority", setup.Issuer, "--Platform:ClientId", client.Id, "--Platform:ClientSecret", client.Secret!]);
        await app.StartAsync();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });

        var loginPage = await browser.GetAsync(sample);
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        Assert.StartsWith($"{setup.Issuer}/connect/login", loginPage.RequestMessage!.RequestUri!.ToString());
        var returnUrl = WebUtility.HtmlDecode(ReturnUrl().Match(await loginPage.Content.ReadAsStringAsync()).Groups[1].Value);
        using var login = new HttpRequestMessage(HttpMethod.Post, $"{setup.Issuer}/connect/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = owner.Email, ["password"] = GatewayUser.Password, ["returnUrl"] = returnUrl }),
        };
        login.Headers.Add("Origin", setup.Issuer);
        var signedIn = await browser.SendAsync(login);

        var page = await signedIn.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal($"{sample}/", signedIn.RequestMessage!.RequestUri!.ToString());
        Assert.Contains("Signed in as Mae Tester", page);
        Assert.Contains(WebUtility.HtmlEncode(owner.Email), page);
        Assert.Contains(organization.ToString(), page);
        Assert.Contains((await OpenIdSetup.UserIdAsync(owner)).ToString(), page);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();
}
