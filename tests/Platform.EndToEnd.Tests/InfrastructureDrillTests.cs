using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using StackExchange.Redis;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The AppHost's servers started on a data folder where initdb was interrupted: it must come up anyway, with the
/// half-made cluster moved aside.
/// </summary>
public sealed class DrilledInfrastructure : IAsyncLifetime
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"platform-drill-{Guid.NewGuid():N}");

    public AppHostInfrastructure Servers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // What initdb leaves when killed half-way: a version file and a few folders, no marker of completion.
        var cluster = Directory.CreateDirectory(Path.Combine(DataDirectory, "postgres"));
        await File.WriteAllTextAsync(Path.Combine(cluster.FullName, "PG_VERSION"), "15\n");
        Directory.CreateDirectory(Path.Combine(cluster.FullName, "global"));
        Servers = await AppHostInfrastructure.StartAsync(DataDirectory);
    }

    public async Task DisposeAsync() => await Servers.DisposeAsync();
}

public sealed class InfrastructureDrillTests(DrilledInfrastructure drill) : IClassFixture<DrilledInfrastructure>
{
    private AppHostInfrastructure Servers => drill.Servers;

    [Fact]
    public async Task A_half_initialized_PostgreSQL_folder_is_moved_aside_and_initialized_again()
    {
        await using var connection = new NpgsqlConnection(await Servers.ConnectionStringAsync("postgres") + ";Database=postgres");
        await connection.OpenAsync();

        Assert.Single(Directory.GetDirectories(drill.DataDirectory, "postgres.incomplete-*"));
    }

    [Fact]
    public async Task Redis_keeps_its_keys_when_it_is_killed_and_started_again()
    {
        var key = $"drill:{Guid.NewGuid():N}";
        await using (var before = await ConnectionMultiplexer.ConnectAsync(await Servers.ConnectionStringAsync("redis")))
        {
            await before.GetDatabase().StringSetAsync(key, "a session");
        }

        // A graceful stop writes a snapshot anyway; only the append-only file survives a kill (fsync every second).
        await Task.Delay(TimeSpan.FromSeconds(2));
        KillServer("redis");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await Servers.App.ResourceNotifications.WaitForResourceAsync("redis", [KnownResourceStates.Exited, KnownResourceStates.Finished], timeout.Token);
        }

        await Servers.StartResourceAsync("redis");

        await using var after = await ConnectionMultiplexer.ConnectAsync(await Servers.ConnectionStringAsync("redis"));
        Assert.Equal("a session", (string?)await after.GetDatabase().StringGetAsync(key));
    }

    private void KillServer(string folder)
    {
        var pids = AppHostProcess.ProcessesUsing(Path.Combine(drill.DataDirectory, folder))
            .Select(p => int.Parse(p[..p.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(pids);
        foreach (var pid in pids)
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
    }

    [Fact]
    public async Task A_server_that_dies_shows_as_exited_while_the_others_keep_running()
    {
        KillServer("mail");

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        // DCP reports a killed process as Finished or Exited, depending on how it learns of the exit.
        await Servers.App.ResourceNotifications.WaitForResourceAsync("smtp", [KnownResourceStates.Exited, KnownResourceStates.Finished], timeout.Token);
        foreach (var server in new[] { "postgres", "rabbitmq" })
        {
            Assert.True(Servers.App.ResourceNotifications.TryGetCurrentState(server, out var state));
            Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
        }

        await using var connection = new NpgsqlConnection(await Servers.ConnectionStringAsync("postgres") + ";Database=postgres");
        await connection.OpenAsync();
        await Servers.StartResourceAsync("smtp");
    }
}
