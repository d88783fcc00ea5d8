using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity;
using Platform.Identity.Infrastructure;
using Platform.Testing;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests.Faults;

/// <summary>
/// Identity on a PostgreSQL cluster of the test's own, restarted (fast shutdown, start) under a loop of
/// sign-ups: every request succeeds or answers 503 with Retry-After, never 500, and no sign-up is
/// half-written (an account without its UserRegistered outbox row, or the other way round).
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 3;
    private readonly Platform.Testing.TestContext context = new();
    private readonly PrivatePostgres postgres = new();
    private ServiceHost<IdentityApi> identity = null!;

    public async Task InitializeAsync()
    {
        await context.InitializeAsync();
        await postgres.StartAsync();
        await postgres.CreateDatabaseAsync("identity");
        identity = new ServiceHost<IdentityApi>(context.ServiceSettings("identitydb", postgres.GetConnectionString("identity")));
        await Eventually.TrueAsync(async () => (await identity.CreateClient().GetAsync("/health")).IsSuccessStatusCode, "identity on its own PostgreSQL");
    }

    [Fact]
    public async Task A_PostgreSQL_restart_under_sign_ups_gives_no_500_and_nothing_half_written()
    {
        var answers = new ConcurrentBag<(string Email, HttpStatusCode Status, bool RetryAfter, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var client = identity.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var email = Registrations.UniqueEmail("pg-restart");
                using var response = await client.PostAsJsonAsync("/accounts", Registrations.Valid(email));
                answers.Add((email, response.StatusCode, response.Headers.RetryAfter is not null, clock.Elapsed));
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var restartBegan = clock.Elapsed;
        await postgres.StopAsync();
        await postgres.StartAsync();
        var restartEnded = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var byStatus = answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}");
        var firstSuccessAfter = answers.Where(a => a.At > restartEnded && a.Status == HttpStatusCode.Accepted).Select(a => a.At).DefaultIfEmpty().Min();
        output.WriteLine($"{string.Join(", ", byStatus)}; restart took {(restartEnded - restartBegan).TotalSeconds:F1} s; "
            + $"first sign-up accepted {(firstSuccessAfter - restartBegan).TotalSeconds:F1} s after the restart began");

        Assert.All(answers, answer =>
        {
            Assert.Contains(answer.Status, new[] { HttpStatusCode.Accepted, HttpStatusCode.ServiceUnavailable });
            if (answer.Status == HttpStatusCode.ServiceUnavailable) Assert.True(answer.RetryAfter, "a 503 without Retry-After");
        });
        Assert.Contains(answers, a => a.At > restartEnded && a.Status == HttpStatusCode.Accepted);
        await AssertNothingHalfWrittenAsync(answers.Select(a => (a.Email, a.Status)).ToList());
    }

    [Fact]
    public async Task While_PostgreSQL_stays_down_a_request_answers_503_with_Retry_After_after_its_retries_and_then_works_again()
    {
        var client = identity.CreateClient();
        var email = Registrations.UniqueEmail("pg-down");

        await postgres.StopAsync();
        var watch = Stopwatch.StartNew();
        using var down = await client.PostAsJsonAsync("/accounts", Registrations.Valid(email));
        var took = watch.Elapsed;
        await postgres.StartAsync();
        var after = await Eventually.GetAsync(async () =>
        {
            var response = await client.PostAsJsonAsync("/accounts", Registrations.Valid(email));
            return response.StatusCode == HttpStatusCode.Accepted ? response : null;
        }, "a sign-up once PostgreSQL is back", TimeSpan.FromSeconds(20));

        output.WriteLine($"while down: {(int)down.StatusCode} after {took.TotalSeconds:F1} s");
        var problem = await Problems.AssertProblemAsync(down, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("urn:platform:problem:temporarily-unavailable", problem.GetProperty("type").GetString());
        Assert.NotNull(down.Headers.RetryAfter?.Delta);
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        await AssertNothingHalfWrittenAsync([(email, HttpStatusCode.Accepted)]);
    }

    [Fact]
    public async Task A_forgotten_password_asked_for_while_PostgreSQL_is_down_gets_its_link_once_it_is_back()
    {
        var client = identity.CreateClient();
        var email = Registrations.UniqueEmail("pg-forgot");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/accounts", Registrations.Valid(email))).StatusCode);

        await postgres.StopAsync();
        using var forgot = await client.PostAsJsonAsync("/accounts/password/forgot", new { email });
        // Longer than the database's own retries of one statement: the queued request must outlast them.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await postgres.StartAsync();

        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = identity.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var bodies = await db.Database.SqlQuery<string>($"""SELECT "Body" AS "Value" FROM "OutboxMessages" WHERE "MessageType" LIKE '%PasswordResetRequested%'""").ToListAsync();
            return bodies.Any(body => body.Contains(email, StringComparison.Ordinal));
        }, "the reset link's event once PostgreSQL is back", TimeSpan.FromSeconds(30));
    }

    private async Task AssertNothingHalfWrittenAsync(List<(string Email, HttpStatusCode Status)> signUps)
    {
        await using var scope = identity.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var emails = signUps.Select(s => s.Email).ToList();
        var accounts = (await db.Users.Where(u => emails.Contains(u.Email)).Select(u => u.Email).ToListAsync()).ToHashSet();
        var events = await db.Database.SqlQuery<string>($"""SELECT "Body" AS "Value" FROM "OutboxMessages" WHERE "MessageType" LIKE '%UserRegistered%'""").ToListAsync();

        foreach (var (email, status) in signUps)
        {
            var hasAccount = accounts.Contains(email);
            var hasEvent = events.Any(body => body.Contains(email, StringComparison.Ordinal));
            if (status == HttpStatusCode.Accepted) Assert.True(hasAccount, $"{email} was accepted but has no account");
            Assert.True(hasAccount == hasEvent, $"{email}: account {hasAccount}, UserRegistered outbox row {hasEvent}");
        }
    }

    public async Task DisposeAsync()
    {
        await identity.DisposeAsync();
        await postgres.DisposeAsync();
        try { Directory.Delete(postgres.DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
