using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RoutingTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("identity", "/accounts")]
    [InlineData("membership", "/directory/users/{id}")]
    [InlineData("notifications", "/deliveries")]
    [InlineData("approvals", "/approvers/{userId}")]
    public async Task Each_route_reaches_its_own_service(string service, string pathOnlyThatServiceHas)
    {
        var response = await gateway.GatewayClient().GetAsync($"/api/{service}/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        Assert.True(paths.TryGetProperty(pathOnlyThatServiceHas, out _),
            $"{service}'s document should describe {pathOnlyThatServiceHas}; it has {string.Join(", ", paths.EnumerateObject().Select(p => p.Name))}");
    }

    [Fact]
    public async Task A_registration_through_the_gateway_is_accepted_and_creates_the_account()
    {
        var email = Registrations.UniqueEmail("via-gateway");

        var response = await gateway.GatewayClient().PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("accepted", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.NotNull(await gateway.FindUserIdAsync(email));
    }

    [Fact]
    public async Task Malformed_json_gets_the_services_400_problem_through_the_gateway()
    {
        var response = await gateway.GatewayClient().PostAsync("/api/identity/accounts",
            new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("urn:platform:problem:malformed-request", problem.GetProperty("type").GetString());
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
        // The body came from identity, which names the path the client called, gateway prefix included.
        Assert.Equal("/api/identity/accounts", problem.GetProperty("instance").GetString());
    }
}
