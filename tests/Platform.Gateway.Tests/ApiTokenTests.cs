using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tests;

/// <summary>Personal access tokens and client apps' tokens, used the way a program would: Bearer through the gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ApiTokenTests(GatewayFixture platform)
{
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task A_personal_token_works_through_the_gateway_within_its_scopes_and_is_refused_outside_them()
    {
        var (userId, email) = await callers.VerifiedUserAsync("pat");
        var cookie = await callers.LogInForCookieAsync(email);
        var (tokenId, secret) = await CreatePersonalTokenAsync(cookie, ["account.read"]);
        Assert.StartsWith("plt_", secret);

        var probe = ForwardedRequests.NewProbe();
        var read = await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", secret, probe: probe);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(email, (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        var forwarded = callers.ForwardedToken(probe);
        Assert.Equal(userId.ToString(), forwarded.Subject);
        Assert.Equal(tokenId.ToString(), forwarded.GetClaim(InternalClaims.ClientId).Value);
        Assert.Equal("account.read", forwarded.GetClaim(InternalClaims.Scope).Value);
        Assert.False(forwarded.TryGetClaim(InternalClaims.SessionId, out _));

        // Outside its scope, and on endpoints that accept no token at all.
        await Problems.AssertProblemAsync(
            await callers.WithBearerAsync(HttpMethod.Put, "/api/identity/account", secret, new { firstName = "Eve", lastName = "Token" }), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/sessions", secret), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await callers.WithBearerAsync(HttpMethod.Post, "/api/identity/account/tokens", secret,
            new { name = "more", scopes = new[] { "account.read" }, expiresAt = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.Forbidden);

        var listed = await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account/tokens", cookie)).Content.ReadFromJsonAsync<JsonElement>();
        var token = Assert.Single(listed.EnumerateArray());
        Assert.False(token.TryGetProperty("token", out _)); // the secret was shown once
        Assert.Equal(secret[..12], token.GetProperty("prefix").GetString());
        Assert.NotEqual(JsonValueKind.Null, token.GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_within_a_second()
    {
        var (_, email) = await callers.VerifiedUserAsync("revoke");
        var cookie = await callers.LogInForCookieAsync(email);
        var (tokenId, secret) = await CreatePersonalTokenAsync(cookie, ["account.read"]);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", secret)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await callers.WithCookieAsync(HttpMethod.Delete, $"/api/identity/account/tokens/{tokenId}", cookie)).StatusCode);
        var revoked = Stopwatch.StartNew();
        HttpResponseMessage response;
        do
        {
            response = await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", secret);
            if (response.StatusCode != HttpStatusCode.OK) break;
            await Task.Delay(100);
        }
        while (revoked.Elapsed < TimeSpan.FromSeconds(3));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(2), $"still accepted {revoked.Elapsed} after revocation");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var (_, email) = await callers.VerifiedUserAsync("expiry");
        var cookie = await callers.LogInForCookieAsync(email);
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var (_, secret) = await CreatePersonalTokenAsync(cookie, ["account.read"], expiresAt);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", secret)).StatusCode);

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.2)); // past the expiry and the cache
        await Problems.AssertProblemAsync(await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", secret), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_made_up_token_and_a_forged_jwt_are_refused()
    {
        var (userId, _) = await callers.VerifiedUserAsync("madeup");
        var madeUp = "plt_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=');
        await Problems.AssertProblemAsync(await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", madeUp), HttpStatusCode.Unauthorized);

        var probe = ForwardedRequests.NewProbe();
        var forged = TestKeys.ForgedTokenFor(new InternalIdentity(userId, Scopes: ["account.read"]));
        Assert.Equal(HttpStatusCode.Unauthorized, (await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", forged, probe: probe)).StatusCode);
        // A bearer JWT that is not the provider's is refused at the gateway: identity never sees it.
        Assert.Null(platform.ForwardedToIdentity.HeadersOf(probe));
    }

    [Fact]
    public async Task Token_requests_are_validated()
    {
        var (_, email) = await callers.VerifiedUserAsync("invalid");
        var cookie = await callers.LogInForCookieAsync(email);
        var inAYear = DateTimeOffset.UtcNow.AddDays(364);

        var badScope = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/tokens", cookie, new { name = "x", scopes = new[] { "Members.Read" }, expiresAt = inAYear });
        Assert.Contains("scopes", (await Problems.AssertProblemAsync(badScope, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var tooLong = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/tokens", cookie,
            new { name = "x", scopes = new[] { "account.read" }, expiresAt = DateTimeOffset.UtcNow.AddDays(367) });
        Assert.Contains("expiresAt", (await Problems.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var noExpiry = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/tokens", cookie, new { name = "x", scopes = new[] { "account.read" } });
        await Problems.AssertProblemAsync(noExpiry, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/identity/internal/tokens/introspect")]
    [InlineData("/api/identity/INTERNAL/tokens/introspect")]
    [InlineData("/api/identity//internal/tokens/introspect")]
    [InlineData("/api/identity/./internal/tokens/introspect")]
    public async Task Token_introspection_is_not_reachable_through_the_gateway(string path)
    {
        var (_, email) = await callers.VerifiedUserAsync("introspect");
        var cookie = await callers.LogInForCookieAsync(email);
        var (_, secret) = await CreatePersonalTokenAsync(cookie, ["account.read"]);
        var probe = ForwardedRequests.NewProbe();

        var response = await callers.WithCookieAsync(HttpMethod.Post, path, cookie, new { token = secret }, probe);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(platform.ForwardedToIdentity.HeadersOf(probe));
    }

    [Fact]
    public async Task Identity_answers_introspection_only_to_the_gateway()
    {
        var (userId, email) = await callers.VerifiedUserAsync("direct");
        var cookie = await callers.LogInForCookieAsync(email);
        var (_, secret) = await CreatePersonalTokenAsync(cookie, ["account.read"]);

        using var asUser = DirectClient(TestKeys.TokenFor(new InternalIdentity(userId, PlatformAdmin: true)));
        Assert.Equal(HttpStatusCode.Forbidden, (await asUser.PostAsJsonAsync("/internal/tokens/introspect", new { token = secret })).StatusCode);
        using var asTokenClaimingGateway = DirectClient(TestKeys.TokenFor(new InternalIdentity(userId, ClientId: InternalIdentity.GatewayClientId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await asTokenClaimingGateway.PostAsJsonAsync("/internal/tokens/introspect", new { token = secret })).StatusCode);

        using var asGateway = DirectClient(TestKeys.TokenFor(InternalIdentity.Gateway));
        var answer = await (await asGateway.PostAsJsonAsync("/internal/tokens/introspect", new { token = secret })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("active").GetBoolean());
        Assert.Equal(userId, answer.GetProperty("subject").GetGuid());
    }

    [Fact]
    public async Task A_client_app_token_speaks_for_the_app_and_its_organization()
    {
        var organizationId = Guid.CreateVersion7();
        var admin = await callers.PlatformAdminSessionAsync();
        var (_, email) = await callers.VerifiedUserAsync("notadmin");
        var member = await callers.LogInForCookieAsync(email);
        var apps = $"/api/identity/organizations/{organizationId}/client-apps";
        // Not an owner or admin of this organization: it does not exist for them.
        Assert.Equal(HttpStatusCode.NotFound, (await callers.WithCookieAsync(HttpMethod.Post, apps, member, new { name = "Warehouse sync" })).StatusCode);

        var registered = await callers.WithCookieAsync(HttpMethod.Post, apps, admin, new { name = "Warehouse sync" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var appId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var issued = await callers.WithCookieAsync(HttpMethod.Post, $"{apps}/{appId}/tokens", admin,
            new { name = "production", scopes = new[] { "account.read", "members.read" }, expiresAt = DateTimeOffset.UtcNow.AddDays(30) });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var issuedBody = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var secret = issuedBody.GetProperty("token").GetString()!;

        var probe = ForwardedRequests.NewProbe();
        // The app is no user: identity has no account for it, but the request reached it as the app.
        Assert.Equal(HttpStatusCode.NotFound, (await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", secret, probe: probe)).StatusCode);
        var forwarded = callers.ForwardedToken(probe);
        Assert.Equal(appId.ToString(), forwarded.Subject);
        Assert.Equal(appId.ToString(), forwarded.GetClaim(InternalClaims.ClientId).Value);
        Assert.Equal(organizationId.ToString(), forwarded.GetClaim(InternalClaims.ActiveOrganization).Value);
        Assert.Equal("account.read members.read", forwarded.GetClaim(InternalClaims.Scope).Value);
        Assert.False(forwarded.TryGetClaim(InternalClaims.PlatformAdmin, out _));

        var tokenId = issuedBody.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await callers.WithCookieAsync(HttpMethod.Delete, $"{apps}/{appId}/tokens/{tokenId}", admin)).StatusCode);
        await Eventually.TrueAsync(async () => (await callers.WithBearerAsync(HttpMethod.Get, "/api/identity/account", secret)).StatusCode == HttpStatusCode.Unauthorized,
            "the revoked token to be refused", TimeSpan.FromSeconds(3));
    }

    private async Task<(Guid Id, string Secret)> CreatePersonalTokenAsync(string cookie, string[] scopes, DateTimeOffset? expiresAt = null)
    {
        var response = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/tokens", cookie,
            new { name = "script", scopes, expiresAt = expiresAt ?? DateTimeOffset.UtcNow.AddDays(30) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("token").GetString()!);
    }

    private HttpClient DirectClient(string internalToken)
    {
        var client = new HttpClient { BaseAddress = platform.IdentityUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", internalToken);
        return client;
    }
}
