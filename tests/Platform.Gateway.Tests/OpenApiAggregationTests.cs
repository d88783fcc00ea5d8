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

    /// <summary>The platform's rule for changes, in every service's document: PUT replaces and says so, PATCH takes a JSON merge patch.</summary>
    [Theory]
    [InlineData("identity")]
    [InlineData("membership")]
    [InlineData("notifications")]
    [InlineData("approvals")]
    public async Task Every_put_says_it_replaces_and_every_patch_takes_a_merge_patch(string service)
    {
        var document = await gateway.GatewayClient().GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Path: path.Name, Method: operation.Name, Operation: operation.Value)))
            .ToList();
        var puts = operations.Where(o => o.Method == "put").ToList();
        var silentPuts = puts.Where(o => !(o.Operation.TryGetProperty("description", out var description) && description.GetString()!.Contains("PUT replaces")))
            .Select(o => o.Path).ToList();
        Assert.True(silentPuts.Count == 0, $"PUT without \"PUT replaces\" in its description: {string.Join(", ", silentPuts)}");
        var plainPatches = operations.Where(o => o.Method == "patch")
            .Where(o => !o.Operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _))
            .Select(o => o.Path).ToList();
        Assert.True(plainPatches.Count == 0, $"PATCH that does not take application/merge-patch+json: {string.Join(", ", plainPatches)}");
        Assert.NotEmpty(puts);
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
