using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RequestLimitsTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_body_at_the_limit_is_forwarded()
    {
        var email = Registrations.UniqueEmail("at-limit");

        var response = await gateway.GatewayClient().PostAsync("/api/identity/accounts", PaddedRegistration(email, GatewayFixture.MaxRequestBodyBytes));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(await gateway.FindUserIdAsync(email));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_naming_the_limit_and_never_reaches_the_service()
    {
        var email = Registrations.UniqueEmail("oversized");
        var probe = ForwardedRequests.NewProbe();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/accounts")
        {
            // A registration the service would accept, made too long with trailing whitespace.
            Content = PaddedRegistration(email, GatewayFixture.MaxRequestBodyBytes + 1),
        };
        request.Headers.Add(ForwardedRequests.ProbeHeader, probe);

        var response = await gateway.GatewayClient().SendAsync(request);

        var problem = await RefusalTests.AssertRefusalAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large", "/api/identity/accounts");
        Assert.Contains($"{GatewayFixture.MaxRequestBodyBytes}", problem.GetProperty("detail").GetString());
        Assert.Null(gateway.ForwardedToIdentity.HeadersOf(probe));
        Assert.Null(await gateway.FindUserIdAsync(email));
    }

    [Fact]
    public async Task A_burst_over_the_rate_limit_gets_429_with_Retry_After_while_health_stays_open()
    {
        var client = gateway.GatewayClient(gateway.ThrottledGateway);

        var burst = new List<HttpResponseMessage>();
        for (var i = 0; i < 2 * GatewayFixture.ThrottledRequestsPerWindow; i++)
        {
            burst.Add(await client.GetAsync("/api/identity/openapi/v1.json"));
        }

        Assert.Contains(burst, r => r.StatusCode == HttpStatusCode.OK);
        var throttled = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(throttled);
        var first = throttled[0];
        await RefusalTests.AssertRefusalAsync(first, HttpStatusCode.TooManyRequests, "too-many-requests", "/api/identity/openapi/v1.json");
        var retryAfter = first.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), GatewayFixture.ThrottledWindow);

        for (var i = 0; i < 2 * GatewayFixture.ThrottledRequestsPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/identity/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task A_route_with_its_own_limit_takes_a_larger_body_and_only_that_route_does()
    {
        var csv = "email\n" + string.Concat(Enumerable.Range(0, 3 * GatewayFixture.MaxRequestBodyBytes / 24).Select(i => $"person-{i:D6}@example.com\n"));
        Assert.True(Encoding.UTF8.GetByteCount(csv) > 2 * GatewayFixture.MaxRequestBodyBytes);

        var import = await gateway.GatewayClient().PostAsync($"/api/membership/organizations/{Guid.NewGuid()}/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var elsewhere = await gateway.GatewayClient().PostAsync($"/api/membership/organizations/{Guid.NewGuid()}/invitations", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Unauthorized, import.StatusCode); // reached membership, which wants a login
        await Problems.AssertProblemAsync(elsewhere, HttpStatusCode.RequestEntityTooLarge);
    }

    private static StringContent PaddedRegistration(string email, int totalBytes)
    {
        var json = JsonSerializer.Serialize(Registrations.Valid(email), JsonSerializerOptions.Web);
        return new StringContent(json + new string(' ', totalBytes - json.Length), Encoding.UTF8, "application/json");
    }
}
