using System.Net;
using System.Net.Http.Json;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CrossOriginTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    public async Task An_unsafe_request_a_browser_sent_from_another_origin_is_refused_and_never_reaches_the_service(string header, string value)
    {
        var email = Registrations.UniqueEmail("cross-origin");

        var response = await SignUpAsync(email, (header, value));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("urn:platform:problem:cross-origin-request", problem.GetProperty("type").GetString());
        Assert.Contains(value, problem.GetProperty("detail").GetString());
        Assert.Null(await gateway.FindUserIdAsync(email));
    }

    [Fact]
    public async Task A_cross_site_fetch_header_wins_over_a_matching_origin()
    {
        var email = Registrations.UniqueEmail("cross-origin");

        var response = await SignUpAsync(email, ("Sec-Fetch-Site", "cross-site"), ("Origin", "http://localhost"));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(await gateway.FindUserIdAsync(email));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Origin", "http://localhost")] // the test server's own origin
    [InlineData("Origin", GatewayFixture.TrustedOrigin)]
    [InlineData("User-Agent", "a program with neither header")]
    public async Task Same_origin_trusted_origin_and_non_browser_requests_pass(string header, string value)
    {
        var email = Registrations.UniqueEmail("same-origin");

        var response = await SignUpAsync(email, (header, value));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(await gateway.FindUserIdAsync(email));
    }

    [Fact]
    public async Task A_trusted_origin_passes_even_when_the_browser_marks_it_cross_site()
    {
        var email = Registrations.UniqueEmail("trusted");

        var response = await SignUpAsync(email, ("Origin", GatewayFixture.TrustedOrigin), ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Reads_from_another_origin_pass_since_they_change_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/openapi/v1.json");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await gateway.GatewayClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> SignUpAsync(string email, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/accounts") { Content = JsonContent.Create(Registrations.Valid(email)) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return gateway.GatewayClient().SendAsync(request);
    }
}
