using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tests;

/// <summary>
/// A service's own port, reached around the gateway (from inside the network), answers nothing without
/// the gateway's internal token: not the login, not sign-up, not the pages behind emailed links.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class DirectAccessTests(GatewayFixture platform)
{
    private static readonly string[] Probes = ["/health", "/alive"];

    [Fact]
    public async Task Every_route_of_every_service_answers_401_without_the_gateways_token_except_the_probes()
    {
        var answered = new List<string>();
        foreach (var (service, direct) in platform.Services)
        {
            using var client = new HttpClient { BaseAddress = direct.Url };
            foreach (var (method, path) in RoutesOf(direct.Provider))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH") request.Content = JsonContent.Create(new { email = "x@example.com", password = "p", token = "t" });
                using var response = await client.SendAsync(request);

                var expected = Probes.Contains(path) ? response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable : response.StatusCode == HttpStatusCode.Unauthorized;
                if (!expected || response.Headers.Contains("Set-Cookie")) answered.Add($"{service} {method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.True(answered.Count == 0, "Answered without the gateway's token:\n" + string.Join("\n", answered));
    }

    [Fact]
    public void The_sweep_covers_the_public_routes_of_every_service()
    {
        var routes = platform.Services.ToDictionary(s => s.Key, s => RoutesOf(s.Value.Provider).Select(r => $"{r.Method} {r.Path}").ToList());

        Assert.Contains("POST /sessions", routes["identity"]);
        Assert.Contains("POST /accounts", routes["identity"]);
        Assert.Contains(routes["identity"], r => r.StartsWith("GET /pages/", StringComparison.Ordinal));
        Assert.Contains(routes["approvals"], r => r.StartsWith("GET /external", StringComparison.Ordinal));
        Assert.Contains(routes["notifications"], r => r.StartsWith("GET /unsubscribe", StringComparison.Ordinal));
        Assert.Contains(routes["membership"], r => r.Contains("/invitation", StringComparison.Ordinal));
        Assert.All(platform.Services.Keys, service => Assert.Contains(routes[service], r => r.StartsWith("GET /openapi/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_login_straight_at_identitys_port_is_refused_and_sets_no_cookie()
    {
        var callers = new Callers(platform);
        var (_, email) = await callers.VerifiedUserAsync("direct-login");
        using var direct = new HttpClient { BaseAddress = platform.IdentityUrl };

        var response = await direct.PostAsJsonAsync("/sessions", new { email, password = Callers.Password });

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("urn:platform:problem:gateway-required", problem.GetProperty("type").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Callers.SessionCookieOf(await callers.LogInAsync(email)); // the same login through the gateway works
    }

    [Fact]
    public async Task The_anonymous_token_opens_public_routes_and_nothing_that_needs_a_caller()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.IdentityUrl };
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.AnonymousToken());
        using var forged = new HttpClient { BaseAddress = platform.IdentityUrl };
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.ForgedTokenFor(InternalIdentity.Gateway));

        var signUp = await anonymous.PostAsJsonAsync("/accounts", Registrations.Valid(Registrations.UniqueEmail("anonymous-token")));
        var account = await anonymous.GetAsync("/account");
        var tampered = await forged.PostAsJsonAsync("/accounts", Registrations.Valid(Registrations.UniqueEmail("forged-anonymous")));

        Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        var refused = await Problems.AssertProblemAsync(account, HttpStatusCode.Unauthorized);
        Assert.Equal("urn:platform:problem:authentication-required", refused.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
    }

    /// <summary>Every (method, concrete path) a service maps, parameters filled with a UUID.</summary>
    private static List<(string Method, string Path)> RoutesOf(IServiceProvider provider) =>
        provider.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var path = "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText?.Trim('/') ?? "", "0190f3c4-0000-7000-8000-000000000001");
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                return methods.Select(method => (method, path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/"));
            })
            .Distinct()
            .ToList();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
