using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Identity;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Faults;

/// <summary>
/// Identity and the gateway on a Redis of the test's own, which it kills and starts again: sessions
/// survive (append-only file), and while Redis is away requests answer 503 with Retry-After at once.
/// </summary>
public sealed class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(1);
    private readonly Platform.Testing.TestContext context = new();
    private readonly PrivateRedis redis = new();
    private ServiceHost<IdentityApi> identity = null!;
    private ServiceHost<GatewayEntry> gateway = null!;

    public async Task InitializeAsync()
    {
        await context.InitializeAsync();
        await redis.StartAsync();
        var settings = context.ServiceSettings("identitydb", await context.CreateDatabaseAsync("identity"));
        settings["ConnectionStrings:redis"] = redis.ConnectionString;
        identity = new ServiceHost<IdentityApi>(settings);
        gateway = FaultHosts.Gateway(context, redis.ConnectionString, identity.StartOnKestrel());
    }

    [Fact]
    public async Task A_session_survives_a_Redis_restart_and_the_outage_answers_503_with_Retry_After_within_a_second()
    {
        var client = gateway.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var (email, cookie) = await FaultHosts.LoggedInUserAsync(client, identity.Services, "redis-restart");
        Assert.Equal(HttpStatusCode.OK, (await FaultHosts.GetAccountAsync(client, cookie)).StatusCode);

        await redis.KillAsync();
        var outage = new List<(HttpStatusCode Status, TimeSpan Took, bool RetryAfter)>();
        for (var i = 0; i < 20; i++)
        {
            outage.Add(await TimedAsync(() => FaultHosts.GetAccountAsync(client, cookie)));
        }

        // A login reaches identity (no session to resolve), checks the password, then cannot store the
        // session: 503 too, after the usual time the password hash takes.
        var login = await TimedAsync(() => client.PostAsJsonAsync("/api/identity/sessions", new { email, password = FaultHosts.Password }));

        var restarted = Stopwatch.StartNew();
        await redis.StartAsync();
        var recovery = new List<(HttpStatusCode Status, TimeSpan Took, bool RetryAfter)>();
        while (restarted.Elapsed < TimeSpan.FromSeconds(10))
        {
            var answer = await TimedAsync(() => FaultHosts.GetAccountAsync(client, cookie));
            recovery.Add(answer);
            if (answer.Status == HttpStatusCode.OK) break;
            await Task.Delay(50);
        }

        output.WriteLine($"outage: {string.Join(", ", outage.Select(a => $"{(int)a.Status} in {a.Took.TotalMilliseconds:F0} ms"))}; "
            + $"login {(int)login.Status} in {login.Took.TotalMilliseconds:F0} ms");
        output.WriteLine($"after restart: {string.Join(", ", recovery.Select(a => (int)a.Status))}, the session worked again {restarted.Elapsed.TotalSeconds:F1} s after Redis started");
        Assert.All(outage, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.True(answer.RetryAfter, "a 503 without Retry-After");
            Assert.True(answer.Took < Promptly, $"an answer took {answer.Took.TotalMilliseconds:F0} ms");
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.Status);
        Assert.True(login.RetryAfter, "the login's 503 has no Retry-After");
        Assert.All(recovery, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(HttpStatusCode.OK, recovery[^1].Status);
    }

    private static async Task<(HttpStatusCode Status, TimeSpan Took, bool RetryAfter)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        using var response = await send();
        return (response.StatusCode, watch.Elapsed, response.Headers.RetryAfter is not null);
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await identity.DisposeAsync();
        await redis.DisposeAsync();
        await context.DisposeAsync();
    }
}
