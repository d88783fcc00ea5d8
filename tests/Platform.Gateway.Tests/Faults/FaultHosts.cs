using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Infrastructure;
using Platform.Testing;

namespace Platform.Gateway.Tests.Faults;

/// <summary>A gateway in front of one service, and a verified, logged-in user, for the tests that pull plugs.</summary>
internal static class FaultHosts
{
    public const string Password = Callers.Password;

    public static ServiceHost<GatewayEntry> Gateway(Platform.Testing.TestContext context, string redis, Uri identity)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redis,
            ["Redis:KeyPrefix"] = context.RedisKeyPrefix,
            ["InternalToken:SigningKey"] = TestKeys.PrivateKeyPem,
            ["InternalToken:PublicKey"] = TestKeys.PublicKeyPem,
            ["Gateway:RequestsPerWindow"] = "100000",
            ["Gateway:LoginAttemptsPerWindow"] = "100000",
            ["services:identity:http:0"] = identity.GetLeftPart(UriPartial.Authority),
        };
        foreach (var absent in new[] { "membership", "notifications", "approvals" })
        {
            settings[$"services:{absent}:http:0"] = "http://127.0.0.1:9";
        }

        return new ServiceHost<GatewayEntry>(settings);
    }

    /// <summary>
    /// Signs up through the gateway and logs in. No notifications service runs here to email the
    /// verification link, so the address is marked verified in identity's database, as the link would.
    /// </summary>
    public static async Task<(string Email, string Cookie)> LoggedInUserAsync(HttpClient gateway, IServiceProvider identity, string name)
    {
        var email = Registrations.UniqueEmail(name);
        (await gateway.PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email))).EnsureSuccessStatusCode();
        await using (var scope = identity.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.VerifyEmail(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var login = await gateway.PostAsJsonAsync("/api/identity/sessions", new { email, password = Password });
        return (email, Callers.SessionCookieOf(login));
    }

    public static Task<HttpResponseMessage> GetAccountAsync(HttpClient gateway, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/account");
        request.Headers.Add("Cookie", $"{GatewayFixture.SessionCookie}={cookie}");
        return gateway.SendAsync(request);
    }
}
