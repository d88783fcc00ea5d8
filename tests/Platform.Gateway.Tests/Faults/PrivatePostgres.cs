using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Platform.Gateway.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of one test's own (initdb, pg_ctl), that the test stops with a fast shutdown and
/// starts again on the same port with the same data, as an operator's restart would. Run as the
/// <c>postgres</c> account when the tests run as root, since PostgreSQL refuses root.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string bin = Directory.GetDirectories("/usr/lib/postgresql")
        .Select(folder => Path.Combine(folder, "bin"))
        .Where(folder => File.Exists(Path.Combine(folder, "initdb")))
        .OrderByDescending(folder => folder, StringComparer.Ordinal)
        .First();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"platform-pg-restart-{Guid.NewGuid():N}");

    private string RunDirectory => DataDirectory + "-run";

    public int Port { get; } = FreePort();

    public string GetConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5";

    public async Task StartAsync()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            Directory.CreateDirectory(DataDirectory);
            Directory.CreateDirectory(RunDirectory);
            await RunAsync("chown", "-R", "postgres:postgres", DataDirectory, RunDirectory);
            await RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        }

        await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(RunDirectory, "pg.log"),
            "-o", $"-p {Port} -k {RunDirectory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /// <summary>A fast shutdown: sessions are cut, as in a restart by an operator or a failover.</summary>
    public Task StopAsync() =>
        RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(GetConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", program, .. arguments])
            : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "stop"); }
        catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(RunDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
