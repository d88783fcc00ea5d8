using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Gateway.Tests;

/// <summary>Verified users, their sessions and requests as a browser or a token holder sends them through the gateway.</summary>
internal sealed class Callers(GatewayFixture platform)
{
    public const string Password = "correct horse battery staple";
    private const string VerifyPath = "/api/identity/pages/verify-email";

    public HttpClient Client { get; } = platform.GatewayClient();

    public async Task<(Guid Id, string Email)> VerifiedUserAsync(string name)
    {
        var email = Registrations.UniqueEmail(name);
        (await Client.PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email))).EnsureSuccessStatusCode();
        var link = await platform.Mail.WaitForLinkAsync(email, VerifyPath);
        (await Client.PostAsync(VerifyPath, new FormUrlEncodedContent([KeyValuePair.Create("token", link.Token)]))).EnsureSuccessStatusCode();
        return ((await platform.FindUserIdAsync(email))!.Value, email);
    }

    public Task<HttpResponseMessage> LogInAsync(string email, string password = Password) =>
        Client.PostAsJsonAsync("/api/identity/sessions", new { email, password });

    public async Task<string> LogInForCookieAsync(string email, string password = Password) => SessionCookieOf(await LogInAsync(email, password));

    public static string SessionCookieOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(GatewayFixture.SessionCookie + "=", StringComparison.Ordinal));
        return setCookie.Split(';')[0][(GatewayFixture.SessionCookie.Length + 1)..];
    }

    /// <summary>A session a platform administrator would have (stored as identity stores one).</summary>
    public async Task<string> PlatformAdminSessionAsync(Guid? adminId = null)
    {
        var now = DateTimeOffset.UtcNow;
        return await platform.StoreSessionAsync(
            new SessionRecord(adminId ?? Guid.CreateVersion7(), now, now, now.AddHours(1), TimeSpan.FromMinutes(30), PlatformAdmin: true), TimeSpan.FromHours(1));
    }

    public Task<HttpResponseMessage> WithCookieAsync(HttpMethod method, string path, string cookie, object? body = null, string? probe = null, HttpClient? client = null)
    {
        var request = Request(method, path, body, probe);
        request.Headers.Add("Cookie", $"{GatewayFixture.SessionCookie}={cookie}");
        return (client ?? Client).SendAsync(request);
    }

    public Task<HttpResponseMessage> WithBearerAsync(HttpMethod method, string path, string token, object? body = null, string? probe = null)
    {
        var request = Request(method, path, body, probe);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request);
    }

    /// <summary>The claims of the internal token identity received on the request marked with <paramref name="probe"/>.</summary>
    public JsonWebToken ForwardedToken(string probe)
    {
        var headers = platform.ForwardedToIdentity.HeadersOf(probe);
        Assert.NotNull(headers);
        Assert.True(headers.TryGetValue("Authorization", out var authorization), "identity received no Authorization header");
        return new JsonWebToken(authorization["Bearer ".Length..]);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body, string? probe)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (probe is not null) request.Headers.Add(ForwardedRequests.ProbeHeader, probe);
        return request;
    }
}
