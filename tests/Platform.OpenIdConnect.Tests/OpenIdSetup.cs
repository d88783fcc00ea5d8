using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

[CollectionDefinition(Name)]
public sealed class OpenIdPlatformCollection : ICollectionFixture<OpenIdPlatform>
{
    public const string Name = "The running platform, as an OpenID provider";
}

public sealed record RegisteredClient(string Id, string? Secret);

/// <summary>What each test builds for itself: an owner with an organization, its client app registered for OpenID Connect.</summary>
public sealed class OpenIdSetup(RunningPlatform platform)
{
    public const string RedirectUri = "http://127.0.0.1/rp/callback";
    public const string PostLogoutRedirectUri = "http://127.0.0.1/rp/logged-out";

    public Uri Gateway => platform.App.GetEndpoint("gateway");
    public string Issuer => Gateway.ToString().TrimEnd('/');

    public async Task<GatewayUser> UserAsync(string name) =>
        await GatewayUser.SignUpAsync(Gateway, new MailDevClient(platform.App.GetEndpoint("smtp", "http")), name);

    public static async Task<Guid> UserIdAsync(GatewayUser user) =>
        (await user.Http.GetFromJsonAsync<JsonElement>("/api/identity/account")).GetProperty("id").GetGuid();

    public static async Task<Guid> OrganizationAsync(GatewayUser owner)
    {
        var created = await owner.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Field Service", slug = $"org-{Guid.NewGuid():N}"[..20] });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>What a platform administrator's <c>PUT /admin/ownership-limits/{userId}</c> does: a user owns one organization unless raised.</summary>
    public async Task AllowTwoOrganizationsAsync(GatewayUser user)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("membershipdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""INSERT INTO "OwnershipLimits" ("UserId", "MaxOrganizations") VALUES (@user, 2)""", connection);
        command.Parameters.AddWithValue("user", await UserIdAsync(user));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A client app of the owner's organization, registered with <paramref name="settings"/> (defaults: a confidential web app).</summary>
    public static async Task<RegisteredClient> ClientAsync(GatewayUser owner, Guid organization, object? settings = null)
    {
        // Identity learns the ownership from membership's event a moment later.
        var app = await Eventually.GetValueAsync(async () =>
        {
            var response = await owner.Http.PostAsJsonAsync($"/api/identity/organizations/{organization}/client-apps", new { name = "Dispatch board" });
            return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, "identity to know the owner", TimeSpan.FromSeconds(30));
        var saved = await owner.Http.PutAsJsonAsync($"/api/identity/organizations/{organization}/client-apps/{app.GetProperty("id")}/openid-connect",
            settings ?? ConfidentialWebApp);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        return new RegisteredClient(body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString());
    }

    public static object ConfidentialWebApp { get; } = new
    {
        @public = false,
        redirectUris = new[] { RedirectUri },
        postLogoutRedirectUris = new[] { PostLogoutRedirectUri },
        grantTypes = new[] { "authorization_code", "refresh_token", "client_credentials" },
        scopes = new[] { "openid", "profile", "email", "offline_access", "organizations", "platform" },
    };

    /// <summary>
    /// What the relying party needs. <paramref name="withSession"/>: the browser holds the user's platform session already
    /// (single sign-on), so the flow skips the login form and its per-address rate limit.
    /// </summary>
    public Dictionary<string, string> Settings(RegisteredClient client, GatewayUser user, bool withSession = true, string? password = null) => new()
    {
        ["SESSION_COOKIE"] = withSession ? SessionCookie(user) : "",
        ["ISSUER"] = Issuer,
        ["CLIENT_ID"] = client.Id,
        ["CLIENT_SECRET"] = client.Secret ?? "",
        ["REDIRECT_URI"] = RedirectUri,
        ["POST_LOGOUT_REDIRECT_URI"] = PostLogoutRedirectUri,
        ["EMAIL"] = user.Email,
        ["PASSWORD"] = password ?? GatewayUser.Password,
    };

    private string SessionCookie(GatewayUser user) =>
        user.Cookies.GetCookies(Gateway).Single(c => c.Name.EndsWith("platform-session", StringComparison.Ordinal)).ToString();

    /// <summary>The payload of a JWT, without checking it (the relying party did).</summary>
    public static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwt.Split('.')[1])).RootElement.Clone();
}
