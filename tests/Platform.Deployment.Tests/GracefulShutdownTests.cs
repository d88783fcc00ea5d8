using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Npgsql;
using Platform.Contracts.Identity;
using Xunit.Abstractions;

namespace Platform.Deployment.Tests;

/// <summary>
/// SIGTERM to a published identity process in the middle of a sign-up load, as the kubelet sends it on a
/// rollout: requests it has taken finish, it exits 0 within the shutdown timeout the pods get
/// (platform-config's DOTNET_shutdownTimeoutSeconds), and every accepted sign-up's UserRegistered is
/// published, by the restarted process at the latest.
/// </summary>
public sealed class GracefulShutdownTests(TestContext context, ITestOutputHelper output) : IClassFixture<TestContext>
{
    private const int ShutdownTimeoutSeconds = 25;
    private const int Callers = 6;

    private sealed record Outcome(string Email, HttpStatusCode? Status, string? Failure, TimeSpan Started, TimeSpan Ended);

    [Fact]
    public async Task Identity_stopped_mid_load_finishes_its_requests_exits_0_in_time_and_loses_no_event()
    {
        var folder = await PublishedService.Identity.PublishAsync();
        var database = await context.CreateDatabaseAsync("identitydb");
        var environment = PublishedService.EnvironmentFor(context, "identitydb", database);
        environment["DOTNET_shutdownTimeoutSeconds"] = ShutdownTimeoutSeconds.ToString();
        await CommandLine.SucceedAsync(Path.Combine(folder, "service"), ["--migrate"], folder, environment: environment);
        await using var registered = await EventCollector<UserRegistered>.StartAsync(context.Servers.RabbitMq, context.MessagingPrefix);

        var outcomes = new ConcurrentBag<Outcome>();
        var clock = Stopwatch.StartNew();
        TimeSpan terminatedAt;
        TimeSpan exitedAfter;
        int exitCode;
        string log;
        await using (var service = await ServiceProcess.StartAsync(folder, environment))
        {
            using var stopLoad = new CancellationTokenSource();
            var load = Enumerable.Range(0, Callers).Select(caller => SignUpUntilRefusedAsync(service.Address, caller, clock, outcomes, stopLoad.Token)).ToList();
            await Eventually.TrueAsync(() => Task.FromResult(outcomes.Count(o => o.Status == HttpStatusCode.Accepted) >= 2 * Callers), "sign-ups to flow");

            terminatedAt = clock.Elapsed;
            service.Terminate();
            exitedAfter = await service.WaitForExitAsync(TimeSpan.FromSeconds(ShutdownTimeoutSeconds + 15));
            await stopLoad.CancelAsync();
            await Task.WhenAll(load);
            exitCode = service.ExitCode;
            log = service.Log;
        }

        var answeredAfterSigterm = outcomes.Count(o => o.Status == HttpStatusCode.Accepted && o.Started < terminatedAt && o.Ended > terminatedAt);
        output.WriteLine($"SIGTERM after {terminatedAt.TotalSeconds:F1} s of load; exit {exitCode} {exitedAfter.TotalSeconds:F1} s later; " +
            $"{outcomes.Count(o => o.Status == HttpStatusCode.Accepted)} sign-ups accepted, {answeredAfterSigterm} of them answered after SIGTERM, " +
            $"{outcomes.Count(o => o.Failure == "refused")} refused at the door, {outcomes.Count(o => o.Failure is not null and not "refused")} reset before an answer");
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{log}");
        Assert.True(exitedAfter < TimeSpan.FromSeconds(ShutdownTimeoutSeconds), $"exited {exitedAfter} after SIGTERM");
        // Nothing the service answered was a failure: it finished what it had taken, and what came later was refused at the door.
        Assert.DoesNotContain(outcomes, o => o.Status is not null && o.Status != HttpStatusCode.Accepted);
        // A request sent a second before SIGTERM was being served (a sign-up takes longer): it must have
        // been answered, not cut off. (Requests sent just before it may meet a closing listener instead.)
        Assert.All(outcomes.Where(o => o.Started < terminatedAt - TimeSpan.FromSeconds(1)), o => Assert.Equal(HttpStatusCode.Accepted, o.Status));
        // Requests in the middle of being served when SIGTERM came were answered after it, not cut off.
        Assert.True(answeredAfterSigterm > 0, "no request was in flight at SIGTERM");

        var accepted = outcomes.Where(o => o.Status == HttpStatusCode.Accepted).Select(o => o.Email).ToHashSet();
        await using (await ServiceProcess.StartAsync(folder, environment))
        {
            await Eventually.TrueAsync(() => Task.FromResult(accepted.All(email => registered.Count(e => e.Email == email) > 0)),
                $"a UserRegistered for each of {accepted.Count} accepted sign-ups", TimeSpan.FromSeconds(60));
            // Rows whose publish failed while the bus stopped wait out a back-off of up to a minute.
            await Eventually.TrueAsync(async () => await UnsentOutboxRowsAsync(database) == 0, "the outbox to drain", TimeSpan.FromSeconds(90));
        }
    }

    private static async Task SignUpUntilRefusedAsync(Uri address, int caller, Stopwatch clock, ConcurrentBag<Outcome> outcomes, CancellationToken stop)
    {
        // A connection per request, as requests from several ingress-controller connections would come.
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var email = $"shutdown-{caller}-{i}-{Guid.NewGuid():N}@example.com";
            var started = clock.Elapsed;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/accounts")
                {
                    Content = JsonContent.Create(new { email, password = "a long enough passphrase for sign-up", firstName = "Shut", lastName = "Down" }),
                };
                request.Headers.ConnectionClose = true;
                // As the gateway forwards a public route: services refuse requests without its token.
                request.Headers.Authorization = new("Bearer", TestKeys.AnonymousToken());
                using var response = await http.SendAsync(request, CancellationToken.None);
                outcomes.Add(new Outcome(email, response.StatusCode, null, started, clock.Elapsed));
            }
            catch (HttpRequestException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                outcomes.Add(new Outcome(email, null, "refused", started, clock.Elapsed));
                await Task.Delay(50, CancellationToken.None);
            }
            catch (HttpRequestException exception)
            {
                // Reset before any response: the service never took the request (a connection in the
                // listen backlog when the listener closed).
                outcomes.Add(new Outcome(email, null, exception.Message, started, clock.Elapsed));
            }
        }
    }

    private static async Task<long> UnsentOutboxRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "OutboxMessages" WHERE "SentAt" IS NULL""", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
