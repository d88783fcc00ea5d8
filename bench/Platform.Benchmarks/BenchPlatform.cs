using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.Identity.Model;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The whole platform as <c>dotnet run --project AppHost</c> starts it (the AppHost itself through
/// Aspire.Hosting.Testing, its own servers, every service a separate process from bin/Release), reached only
/// through the gateway. Only
/// the gateway's per-address limits are raised, since every request comes from 127.0.0.1, and identity is told
/// which password hashing to use.
/// </summary>
public sealed class BenchPlatform : IAsyncDisposable
{
    public const string Password = HashBenchmark.Password;
    private const string VerifyPath = "/api/identity/pages/verify-email";

    private readonly string _data;
    private bool _failed;

    private BenchPlatform(string data, DistributedApplication app)
    {
        _data = data;
        App = app;
        Gateway = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = app.GetEndpoint("gateway"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        Mail = new MailDevClient(app.GetEndpoint("smtp", "http"));
    }

    public DistributedApplication App { get; }

    /// <summary>The AppHost's data folder: its servers' data and the internal token's key pair.</summary>
    public string DataDirectory => _data;
    public HttpClient Gateway { get; }
    public MailDevClient Mail { get; }

    public static async Task<BenchPlatform> StartAsync(PasswordHashAlgorithm identityHashing)
    {
        var data = Path.Combine(Path.GetTempPath(), $"platform-bench-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(
            ["--Infrastructure:DynamicPorts=true", $"--Infrastructure:DataDirectory={data}"]);
        // The bench adds to the declared resources, as a deployment would in its own overlay.
        Project(builder, "gateway")
            .WithEnvironment("Gateway__LoginAttemptsPerWindow", "1000000")
            .WithEnvironment("Gateway__RequestsPerWindow", "1000000");
        var identity = Project(builder, "identity").WithEnvironment("Accounts__PasswordHashing__Algorithm", identityHashing.Name);
        if (identityHashing is Argon2idAlgorithm argon2id)
        {
            identity
                .WithEnvironment("Accounts__PasswordHashing__Argon2idMemoryKiB", argon2id.MemoryKiB.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Accounts__PasswordHashing__Argon2idIterations", argon2id.Passes.ToString(CultureInfo.InvariantCulture))
                .WithEnvironment("Accounts__PasswordHashing__Argon2idParallelism", argon2id.Parallelism.ToString(CultureInfo.InvariantCulture));
        }
        else if (identityHashing is Pbkdf2Sha512Algorithm pbkdf2)
        {
            identity.WithEnvironment("Accounts__PasswordHashing__Pbkdf2Iterations", pbkdf2.Iterations.ToString(CultureInfo.InvariantCulture));
        }

        var app = await builder.BuildAsync();
        Report.Progress($"starting the platform (identity hashing {identityHashing.Name}${identityHashing.Parameters}); data in {data}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await app.StartAsync();
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway");
        }
        catch
        {
            await app.DisposeAsync();
            Report.Progress("the platform did not start");
            throw;
        }

        Report.Progress($"platform healthy in {clock.Elapsed.TotalSeconds:0.0} s");
        return new BenchPlatform(data, app);
    }

    /// <summary>Signs up through the gateway and follows each verification link from the SMTP sink.</summary>
    public async Task<IReadOnlyList<string>> CreateVerifiedUsersAsync(int count)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var emails = Enumerable.Range(0, count).Select(i => $"bench-{run}-{i}@example.com").ToList();
        await Task.WhenAll(emails.Select(async email =>
        {
            using var registered = await Gateway.PostAsJsonAsync("/api/identity/accounts",
                new { email, password = Password, firstName = "Bench", lastName = "User" });
            await ExpectAsync(registered, HttpStatusCode.Accepted, "sign-up");
            var link = await Mail.WaitForLinkAsync(email, VerifyPath, TimeSpan.FromSeconds(60));
            using var verified = await Gateway.PostAsJsonAsync("/api/identity/accounts/verification", new { token = link.Token });
            await ExpectAsync(verified, HttpStatusCode.OK, "email verification");
        }));
        return emails;
    }

    /// <summary>The hash identity stored for <paramref name="email"/>: what it really computes at each login.</summary>
    public async Task<string> StoredPasswordHashAsync(string email)
    {
        await using var connection = new NpgsqlConnection(await App.GetConnectionStringAsync("identitydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"PasswordHash\" FROM \"Users\" WHERE \"Email\" = @email", connection);
        command.Parameters.AddWithValue("email", email);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static HttpContent LoginBody(string email) => JsonContent.Create(new { email, password = Password });

    /// <summary>Logs in and returns the <c>name=value</c> of the session cookie.</summary>
    public async Task<string> LogInForCookieAsync(string email)
    {
        using var response = await Gateway.PostAsync("/api/identity/sessions", LoginBody(email));
        await ExpectAsync(response, HttpStatusCode.OK, "login");
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).First(c => c.Contains("session", StringComparison.OrdinalIgnoreCase));
    }

    public void MarkFailed() => _failed = true;

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_failed)
        {
            Report.Progress($"data kept in {_data}");
            return;
        }

        try { Directory.Delete(_data, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static IResourceBuilder<ProjectResource> Project(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(p => p.Name == name));

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{what} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
