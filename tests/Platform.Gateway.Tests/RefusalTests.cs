using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Sessions;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// Every refusal, the framework's own included, is our ProblemDetails: a stable type, a detail, the trace
/// id, and as instance the path the client called (with the gateway's /api/&lt;service&gt; prefix).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RefusalTests(GatewayFixture platform)
{
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task An_anonymous_call_to_a_route_that_needs_a_caller_gets_a_full_401_problem()
    {
        var response = await platform.GatewayClient().GetAsync("/api/identity/account");

        await AssertRefusalAsync(response, HttpStatusCode.Unauthorized, "authentication-required", "/api/identity/account");
    }

    [Fact]
    public async Task A_user_on_a_platform_admin_route_gets_a_full_403_problem()
    {
        var cookie = await OrdinarySessionAsync();

        var response = await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/admin/users", cookie);

        await AssertRefusalAsync(response, HttpStatusCode.Forbidden, "forbidden", "/api/identity/admin/users");
    }

    [Theory]
    [InlineData("/api/membership/no-such-resource")]
    // Other paths are the console's client routes (it shows its own "Page not found"); these prefixes never are.
    [InlineData("/api/no-such-service/place")]
    [InlineData("/.well-known/no-such-document")]
    [InlineData("/api/identity/internal/tokens/introspect")]
    public async Task An_unknown_route_gets_a_full_404_problem(string path)
    {
        var response = await platform.GatewayClient().GetAsync(path);

        await AssertRefusalAsync(response, HttpStatusCode.NotFound, "not-found", path);
    }

    [Fact]
    public async Task A_method_a_route_does_not_take_gets_a_full_405_problem()
    {
        var response = await platform.GatewayClient().DeleteAsync("/api/identity/accounts");

        var problem = await AssertRefusalAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed", "/api/identity/accounts");
        Assert.Contains("POST", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_service_called_with_its_path_prefix_names_the_public_path_in_a_validation_problem()
    {
        var response = await platform.GatewayClient().PostAsync("/api/identity/accounts", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));

        await AssertRefusalAsync(response, HttpStatusCode.BadRequest, "malformed-request", "/api/identity/accounts");
    }

    // 7: a text/plain POST to a JSON endpoint is a wrong request whoever sends it.
    [Fact]
    public async Task A_text_body_to_a_json_endpoint_gets_415_without_a_session_through_the_gateway()
    {
        var client = platform.GatewayClient();

        var login = await client.PostAsync("/api/identity/sessions", PlainText());
        var create = await client.PostAsync("/api/membership/organizations", PlainText());

        await AssertRefusalAsync(login, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "/api/identity/sessions");
        var problem = await AssertRefusalAsync(create, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "/api/membership/organizations");
        Assert.Contains("text/plain", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_text_body_to_a_json_endpoint_gets_415_with_a_session_through_the_gateway()
    {
        var cookie = await OrdinarySessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/membership/organizations") { Content = PlainText() };
        request.Headers.Add("Cookie", $"{GatewayFixture.SessionCookie}={cookie}");

        var response = await platform.GatewayClient().SendAsync(request);

        await AssertRefusalAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "/api/membership/organizations");
    }

    [Fact]
    public async Task A_text_body_to_a_json_endpoint_gets_415_directly_with_a_token()
    {
        using var direct = new HttpClient { BaseAddress = platform.Services["membership"].Url };
        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.TokenFor(new InternalIdentity(Guid.CreateVersion7())));

        var response = await direct.PostAsync("/organizations", PlainText());

        await AssertRefusalAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "/organizations");
    }

    [Fact]
    public async Task A_json_body_with_a_json_subtype_is_not_refused_as_the_wrong_media_type()
    {
        var response = await platform.GatewayClient().PostAsync("/api/identity/accounts",
            new StringContent("{\"email\": ", Encoding.UTF8, "application/merge-patch+json"));

        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static StringContent PlainText() => new("{\"name\":\"Acme\",\"email\":\"a@example.com\",\"password\":\"x\"}", Encoding.UTF8, "text/plain");

    private Task<string> OrdinarySessionAsync()
    {
        var now = DateTimeOffset.UtcNow;
        return platform.StoreSessionAsync(new SessionRecord(Guid.CreateVersion7(), now, now, now.AddHours(1), TimeSpan.FromMinutes(30)), TimeSpan.FromHours(1));
    }

    internal static async Task<System.Text.Json.JsonElement> AssertRefusalAsync(HttpResponseMessage response, HttpStatusCode status, string type, string instance)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {await response.Content.ReadAsStringAsync()}");
        var problem = await Problems.AssertProblemAsync(response, status);
        Assert.Equal($"urn:platform:problem:{type}", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), "the problem has no detail");
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), "the problem has no title");
        Assert.Equal(instance, problem.GetProperty("instance").GetString());
        return problem;
    }
}
