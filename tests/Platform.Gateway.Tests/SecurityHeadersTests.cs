using System.Net;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class SecurityHeadersTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("/api/identity/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/api/identity/account", HttpStatusCode.Unauthorized)]
    public async Task A_proxied_response_carries_the_security_headers_and_hides_the_server(string path, HttpStatusCode status)
    {
        var response = await gateway.GatewayClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.False(response.Headers.Contains("Server"), $"the response names its server: {Header(response, "Server")}");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
