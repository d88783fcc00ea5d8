using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Authentication;
using Platform.Testing;

namespace Platform.Membership.Benchmarks;

/// <summary>
/// The membership service in this process, as the tests host it, on a fresh database of the real
/// PostgreSQL (and its own RabbitMQ prefix), dropped at the end.
/// </summary>
public sealed class MembershipBench : IAsyncDisposable
{
    private readonly TestContext context = new();

    public ServiceHost<MembershipApi> Host { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public static async Task<MembershipBench> StartAsync()
    {
        // WebApplicationFactory finds a service's content root through a manifest only test projects get.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PLATFORM_MEMBERSHIP", Path.Combine(RepositoryRoot(), "services", "membership"));
        var bench = new MembershipBench();
        await bench.context.InitializeAsync();
        bench.ConnectionString = await bench.context.CreateDatabaseAsync("membershipbench");
        var settings = bench.context.ServiceSettings("membershipdb", bench.ConnectionString);
        settings["Logging:LogLevel:Default"] = "Warning";
        bench.Host = new ServiceHost<MembershipApi>(settings);
        var client = bench.Host.CreateClient();
        while (!(await client.GetAsync("/health")).IsSuccessStatusCode) await Task.Delay(200);
        return bench;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Run the bench from inside the repository.");
    }

    public HttpClient ClientAs(Guid userId) => Host.CreateClientAs(new InternalIdentity(userId));

    /// <summary>A verified account in the directory and an organization it owns.</summary>
    public async Task<(Guid Organization, Guid Owner)> OrganizationAsync()
    {
        var owner = Guid.NewGuid();
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
            var user = DirectoryUser.FromRegistration(owner, $"owner-{owner:N}@example.com", "Bench", "Owner", DateTimeOffset.UtcNow);
            user.MarkVerified(user.Email, DateTimeOffset.UtcNow);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        var created = await ClientAs(owner).PostAsJsonAsync("/organizations", new { name = "Bench", slug = $"bench-{Guid.NewGuid():N}" });
        created.EnsureSuccessStatusCode();
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), owner);
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await context.DisposeAsync();
    }
}

public static class Load
{
    public static string Average() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
