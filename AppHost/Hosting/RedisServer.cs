using System.Globalization;

namespace Platform.AppHost.Hosting;

/// <summary>
/// A private, memory-only Redis (no RDB, no AOF) on 127.0.0.1, run in the foreground as a direct child so
/// SIGTERM stops it; it logs to stdout, which lands in logs/&lt;name&gt;.log.
/// </summary>
public sealed class RedisServer : IAsyncDisposable, ILocalServer
{
    private readonly ResourceLog _log;
    private ChildProcess? _process;

    /// <param name="dataDirectory">The data root shared by all servers: Redis works in &lt;dataDirectory&gt;/redis.</param>
    /// <param name="port">The TCP port; 0 picks a free one (kept across restarts of this instance).</param>
    public RedisServer(string dataDirectory, int port = 0, string name = "redis", bool echoToConsole = true)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port == 0 ? PortAllocator.GetFreePort() : port;
        Name = name;
        _log = new ResourceLog(name, Path.Combine(DataDirectory, "logs"), echoToConsole);
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public string LogFile => _log.FilePath;

    public bool IsRunning => _process is { HasExited: false };

    public Task<int>? Exited => _process?.Exited;

    ResourceLog ILocalServer.Log => _log;

    IReadOnlyList<string> ILocalServer.DisplayUrls => [$"redis://127.0.0.1:{Port}"];

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        PortAllocator.EnsureAvailable(Port, Name, "Redis", _log.PidFilePath, $"set ConnectionStrings__{Name} to use a running server");
        var directory = Path.Combine(DataDirectory, "redis");
        Directory.CreateDirectory(directory);
        _process = ChildProcess.Start(
            new ChildProcessStartInfo(
                ToolLocator.RedisServer(Name),
                ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--daemonize", "no", "--dir", directory, "--pidfile", Path.Combine(directory, "redis.pid")])
            {
                WorkingDirectory = directory,
            },
            _log);

        try
        {
            await HealthProbes.WaitUntilAsync(Name, ct => HealthProbes.RedisPingAsync(Port, ct), _process, _log,
                TimeSpan.FromSeconds(20), "answering PING", cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }

        _log.Info($"ready: {ConnectionString}");
    }

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        _log.Info("stopping");
        await _process.StopAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _log.Dispose();
    }
}
