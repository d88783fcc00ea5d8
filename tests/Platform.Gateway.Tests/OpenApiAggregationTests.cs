using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class OpenApiAggregationTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("identity", "/accounts")]
    [InlineData("approvals", "/approvers/{userId}")]
    public async Task A_services_document_is_served_with_its_gateway_prefix_as_the_server(string service, string pathOnlyThatServiceHas)
    {
        var response = await gateway.GatewayClient().GetAsync($"/openapi/{service}.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var server = Assert.Single(document.GetProperty("servers").EnumerateArray());
        Assert.Equal($"/api/{service}", server.GetProperty("url").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty(pathOnlyThatServiceHas, out _));
    }

    [Fact]
    public async Task An_unknown_services_document_is_not_found()
    {
        var response = await gateway.GatewayClient().GetAsync("/openapi/nope.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_API_reference_is_an_html_page_over_every_services_document()
    {
        // Followed like a browser would, should the page redirect to its canonical address.
        var client = gateway.Gateway.CreateClient();
        var response = await client.GetAsync("/api-reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.All(["identity", "membership", "notifications", "approvals"], service => Assert.Contains($"openapi/{service}.json", page));
        // The page's own script, addressed relative to the page, is served by the gateway too.
        var script = await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, "scalar.js"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
