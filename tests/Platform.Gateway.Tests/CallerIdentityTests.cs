using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tests;

/// <summary>Only the gateway says who a caller is; nothing a caller sends can say it instead.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CallerIdentityTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_bearer_token_the_service_would_accept_is_refused_at_the_gateway()
    {
        var (userId, email) = await gateway.RegisterUserAsync("bearer");
        var token = TestKeys.TokenFor(new InternalIdentity(userId));
        using var service = DirectClient(new AuthenticationHeaderValue("Bearer", token));
        var atService = await service.GetFromJsonAsync<JsonElement>("/account");
        Assert.Equal(email, atService.GetProperty("email").GetString());

        var probe = ForwardedRequests.NewProbe();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add(ForwardedRequests.ProbeHeader, probe);
        var response = await gateway.GatewayClient().SendAsync(request);

        // A bearer JWT is taken for an access token of the platform's OpenID provider; this one is not (another
        // signer, issuer and audience), so the gateway refuses it itself and nothing reaches identity.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(gateway.ForwardedToIdentity.HeadersOf(probe));
    }

    [Fact]
    public async Task Identity_headers_a_caller_invents_are_dropped_at_the_gateway()
    {
        var (userId, email) = await gateway.RegisterUserAsync("spoofer");
        var probe = ForwardedRequests.NewProbe();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/account");
        request.Headers.Add("X-User-Id", userId.ToString());
        request.Headers.Add("X-Forwarded-User", email);
        request.Headers.Add("X-Internal-User", userId.ToString());
        request.Headers.Add(ForwardedRequests.ProbeHeader, probe);

        var response = await gateway.GatewayClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var forwarded = gateway.ForwardedToIdentity.HeadersOf(probe);
        Assert.NotNull(forwarded);
        Assert.DoesNotContain(forwarded.Keys, name => name is "X-User-Id" or "X-Forwarded-User" or "X-Internal-User");
        ForwardedRequests.AssertForwardedAnonymously(forwarded);
    }

    [Fact]
    public async Task A_service_refuses_a_forged_token_and_raw_identity_headers()
    {
        var (userId, email) = await gateway.RegisterUserAsync("direct");
        var identity = new InternalIdentity(userId);
        using var forged = DirectClient(new AuthenticationHeaderValue("Bearer", TestKeys.ForgedTokenFor(identity)));
        using var spoofed = DirectClient();
        spoofed.DefaultRequestHeaders.Add("X-User-Id", userId.ToString());
        spoofed.DefaultRequestHeaders.Add("X-Forwarded-User", email);
        spoofed.DefaultRequestHeaders.Add("X-Internal-User", userId.ToString());
        using var genuine = DirectClient(new AuthenticationHeaderValue("Bearer", TestKeys.TokenFor(identity)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await spoofed.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await genuine.GetAsync("/account")).StatusCode);
    }

    // Straight at identity's port, past the gateway, as an attacker inside the network would call it.
    private HttpClient DirectClient(AuthenticationHeaderValue? authorization = null)
    {
        var client = new HttpClient { BaseAddress = gateway.IdentityUrl };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }
}
