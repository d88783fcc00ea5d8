using System.Text.Json;

namespace Platform.EndToEnd.Tests;

public sealed class AppHostTests
{
    [Fact]
    public async Task The_manifest_lists_every_resource_and_what_each_service_references()
    {
        var output = Path.Combine(Path.GetTempPath(), $"platform-manifest-{Guid.NewGuid():N}", "aspire-manifest.json");

        var exitCode = await AppHostProcess.RunAsync(TimeSpan.FromMinutes(2), "--publisher", "manifest", "--output-path", output);

        Assert.Equal(0, exitCode);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var resources = manifest.RootElement.GetProperty("resources");
        string[] declared =
        [
            "postgres", "redis", "rabbitmq", "smtp", "identitydb", "membershipdb", "notificationsdb", "approvalsdb",
            "gateway", "identity", "membership", "notifications", "approvals",
        ];
        Assert.All(declared, name => Assert.True(resources.TryGetProperty(name, out _), $"{name} is in the manifest"));

        string? Env(string resource, string key) =>
            resources.GetProperty(resource).GetProperty("env").TryGetProperty(key, out var value) ? value.GetString() : null;
        Assert.Equal("{identitydb.connectionString}", Env("identity", "ConnectionStrings__identitydb"));
        Assert.Equal("{redis.connectionString}", Env("identity", "ConnectionStrings__redis"));
        Assert.Equal("{rabbitmq.connectionString}", Env("identity", "ConnectionStrings__rabbitmq"));
        Assert.Equal("{membershipdb.connectionString}", Env("membership", "ConnectionStrings__membershipdb"));
        Assert.Equal("{rabbitmq.connectionString}", Env("membership", "ConnectionStrings__rabbitmq"));
        Assert.Equal("{notificationsdb.connectionString}", Env("notifications", "ConnectionStrings__notificationsdb"));
        Assert.Equal("{smtp.connectionString}", Env("notifications", "ConnectionStrings__smtp"));
        Assert.Equal("{gateway.bindings.http.url}", Env("notifications", "Email__PublicBaseUrl"));
        Assert.Equal("{approvalsdb.connectionString}", Env("approvals", "ConnectionStrings__approvalsdb"));
        Assert.Equal("{redis.connectionString}", Env("gateway", "ConnectionStrings__redis"));
        Assert.All(["identity", "membership", "notifications", "approvals"], service =>
            Assert.Equal($"{{{service}.bindings.http.url}}", Env("gateway", $"services__{service}__http__0")));

        // Keys are parameters in a manifest, never values; only the gateway may sign.
        Assert.Equal("{internal-token-signing-key.value}", Env("gateway", "InternalToken__SigningKey"));
        Assert.All(["identity", "membership", "notifications", "approvals"], service =>
        {
            Assert.Null(Env(service, "InternalToken__SigningKey"));
            Assert.Equal("{internal-token-public-key.value}", Env(service, "InternalToken__PublicKey"));
        });
    }

    [Fact]
    public async Task SIGTERM_to_a_running_AppHost_leaves_no_server_process_and_no_stale_lock()
    {
        var data = Path.Combine(Path.GetTempPath(), $"platform-sigterm-{Guid.NewGuid():N}");
        var environmentFile = Path.Combine(data, "servers.env");
        using var apphost = AppHostProcess.Start(
            "--Infrastructure:Only=true", "--Infrastructure:DynamicPorts=true",
            $"--Infrastructure:DataDirectory={data}", $"--Infrastructure:EnvironmentFile={environmentFile}");
        await Eventually.TrueAsync(() => Task.FromResult(File.Exists(environmentFile)), "every server healthy", TimeSpan.FromMinutes(3));
        var running = AppHostProcess.ProcessesUsing(data);
        Assert.Contains(running, p => p.Contains("postgres", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Contains("redis-server", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Contains("epmd", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Contains("beam", StringComparison.Ordinal));
        Assert.Contains(running, p => p.Contains("maildev", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(data, "postgres", "postmaster.pid")));

        AppHostProcess.Terminate(apphost);

        using (var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await apphost.WaitForExitAsync(exit.Token);
        }

        await Eventually.TrueAsync(() => Task.FromResult(AppHostProcess.ProcessesUsing(data).Count == 0),
            "every server process gone", TimeSpan.FromSeconds(30));
        Assert.False(File.Exists(Path.Combine(data, "postgres", "postmaster.pid")), "PostgreSQL shut down cleanly (no postmaster.pid)");
        try { Directory.Delete(data, recursive: true); }
        catch (IOException) { }
    }
}
