using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Gateway.Tests;

/// <summary>The browser's session cookie, turned into the caller's identity at the gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_live_session_cookie_lets_the_user_read_their_own_account()
    {
        var (userId, email) = await gateway.RegisterUserAsync("session");
        var sessionId = await gateway.StoreSessionAsync(LiveSession(userId), TimeSpan.FromMinutes(30));

        var response = await GetMyAccountAsync($"{GatewayFixture.SessionCookie}={sessionId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, account.GetProperty("email").GetString());
        Assert.Equal(userId, account.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_service_gets_the_gateways_token_for_the_session_and_never_the_cookie()
    {
        var (userId, _) = await gateway.RegisterUserAsync("forwarded");
        var sessionId = await gateway.StoreSessionAsync(LiveSession(userId), TimeSpan.FromMinutes(30));
        var probe = ForwardedRequests.NewProbe();

        var response = await GetMyAccountAsync($"theme=dark; {GatewayFixture.SessionCookie}={sessionId}", probe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = gateway.ForwardedToIdentity.HeadersOf(probe);
        Assert.NotNull(forwarded);
        Assert.Equal("theme=dark", forwarded.GetValueOrDefault("Cookie"));
        Assert.DoesNotContain(forwarded.Values, value => value.Contains(sessionId, StringComparison.Ordinal));
        var authorization = forwarded.GetValueOrDefault("Authorization") ?? "";
        Assert.StartsWith("Bearer ", authorization);
        var token = new JsonWebToken(authorization["Bearer ".Length..]);
        Assert.Equal(userId.ToString(), token.Subject);
        // The token names the session by its handle, never by the cookie's secret.
        Assert.Equal(SessionKeys.Handle(sessionId), token.GetClaim(InternalClaims.SessionId).Value);
    }

    [Fact]
    public async Task An_idle_expired_session_is_refused_and_its_cookie_deleted()
    {
        var (userId, _) = await gateway.RegisterUserAsync("idle");
        var now = DateTimeOffset.UtcNow;
        // Idle for two hours of a 30-minute idle timeout, while Redis still holds the key.
        var expired = new SessionRecord(userId, now.AddHours(-3), now.AddHours(-2), now.AddHours(5), TimeSpan.FromMinutes(30));
        var sessionId = await gateway.StoreSessionAsync(expired, TimeSpan.FromMinutes(10));

        var response = await GetMyAccountAsync($"{GatewayFixture.SessionCookie}={sessionId}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertSessionCookieDeleted(response);
    }

    [Fact]
    public async Task An_unknown_session_id_is_refused_and_its_cookie_deleted()
    {
        var response = await GetMyAccountAsync($"{GatewayFixture.SessionCookie}={Guid.NewGuid():N}{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertSessionCookieDeleted(response);
    }

    private static SessionRecord LiveSession(Guid userId)
    {
        var now = DateTimeOffset.UtcNow;
        return new SessionRecord(userId, now, now, now.AddHours(8), TimeSpan.FromMinutes(30));
    }

    private async Task<HttpResponseMessage> GetMyAccountAsync(string cookieHeader, string? probe = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/account");
        request.Headers.Add("Cookie", cookieHeader);
        if (probe is not null) request.Headers.Add(ForwardedRequests.ProbeHeader, probe);
        return await gateway.GatewayClient().SendAsync(request);
    }

    private static void AssertSessionCookieDeleted(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues(HeaderNames.SetCookie, out var values), "the response sets no cookie");
        Assert.True(SetCookieHeaderValue.TryParseList(values.ToList(), out var cookies));
        var session = Assert.Single(cookies, c => c.Name == GatewayFixture.SessionCookie);
        Assert.True(session.Value.Length == 0, $"the cookie keeps a value: {session}");
        Assert.True(session.Expires < DateTimeOffset.UtcNow, $"the cookie does not expire: {session}");
        Assert.Equal("/", session.Path.ToString());
    }
}
