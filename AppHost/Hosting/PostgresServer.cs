using System.Globalization;

namespace Platform.AppHost.Hosting;

/// <summary>
/// A private PostgreSQL cluster in &lt;data&gt;/postgres with trust authentication on 127.0.0.1, initialized on the
/// first start and reused afterwards. The postmaster is a direct child; as root it runs as the postgres user,
/// because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable, ILocalServer
{
    private const string ServiceAccount = "postgres";
    private readonly ResourceLog _log;
    private ChildProcess? _process;
    private string? _bin;

    /// <param name="dataDirectory">The data root shared by all servers: the cluster goes to &lt;dataDirectory&gt;/postgres, the log to &lt;dataDirectory&gt;/logs/&lt;name&gt;.log.</param>
    /// <param name="port">The TCP port; 0 picks a free one (kept across restarts of this instance).</param>
    public PostgresServer(string dataDirectory, int port = 0, string name = "postgres", bool echoToConsole = true)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port == 0 ? PortAllocator.GetFreePort() : port;
        Name = name;
        _log = new ResourceLog(name, Path.Combine(DataDirectory, "logs"), echoToConsole);
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ClusterDirectory => Path.Combine(DataDirectory, "postgres");

    public string SocketDirectory => Path.Combine(DataDirectory, "postgres-run");

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres";

    public string LogFile => _log.FilePath;

    public bool IsRunning => _process is { HasExited: false };

    public Task<int>? Exited => _process?.Exited;

    ResourceLog ILocalServer.Log => _log;

    IReadOnlyList<string> ILocalServer.DisplayUrls => [$"postgres://127.0.0.1:{Port}"];

    private string PortText => Port.ToString(CultureInfo.InvariantCulture);

    public string GetConnectionString(string database) => $"{ConnectionString};Database={database}";

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        PortAllocator.EnsureAvailable(Port, Name, "PostgreSQL", _log.PidFilePath, $"set ConnectionStrings__{Name} to use a running server");
        PrepareDirectories();
        _bin = ToolLocator.PostgresBin(Name, ClusterDirectory);
        if (!File.Exists(Path.Combine(ClusterDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(cancellationToken);
        }
        else
        {
            _log.Info($"reusing the cluster in {ClusterDirectory}");
        }

        // A Unix socket path is limited to 107 bytes: with a deep data folder go TCP-only.
        var socketDirectory = SocketDirectory.Length + ".s.PGSQL.65535".Length < 100 ? SocketDirectory : "";
        _process = ChildProcess.Start(
            new ChildProcessStartInfo(
                Path.Combine(_bin, "postgres"),
                ["-D", ClusterDirectory, "-p", PortText, "-k", socketDirectory, "-c", "listen_addresses=127.0.0.1"])
            {
                UserName = ServiceAccount,
                WorkingDirectory = DataDirectory,
                StopSignal = NativeMethods.SIGINT,
            },
            _log);

        var psql = new PsqlClient(_bin, PostgresConnectionInfo.Parse(ConnectionString));
        try
        {
            await HealthProbes.WaitUntilAsync(Name, psql.IsReadyAsync, _process, _log, TimeSpan.FromSeconds(60), "accepting connections", cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }

        _log.Info($"ready: {ConnectionString}");
    }

    /// <summary>Creates the database unless it exists.</summary>
    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IsRunning || _bin is null)
        {
            throw new InvalidOperationException($"{Name} is not running.");
        }

        return new PsqlClient(_bin, PostgresConnectionInfo.Parse(ConnectionString)).EnsureDatabaseAsync(name, cancellationToken);
    }

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited || _bin is null)
        {
            return;
        }

        _log.Info("stopping: pg_ctl stop -m fast");
        _process.ExpectExit();
        var result = await CommandRunner.RunAsync(
            Path.Combine(_bin, "pg_ctl"),
            ["stop", "-D", ClusterDirectory, "-m", "fast", "-w", "-t", "30"],
            TimeSpan.FromSeconds(40),
            CancellationToken.None,
            userName: ServiceAccount,
            workingDirectory: DataDirectory);
        if (!result.Succeeded)
        {
            _log.Info($"pg_ctl stop failed ({result.ExitCode}), signalling the postmaster: {result.Output}");
        }

        await _process.StopAsync(TimeSpan.FromSeconds(15), sendSignal: !result.Succeeded);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _log.Dispose();
    }

    private void PrepareDirectories()
    {
        (int Uid, int Gid)? owner = null;
        if (Environment.IsPrivilegedProcess)
        {
            owner = UnixAccounts.Find(ServiceAccount)
                ?? throw new ResourceStartException(Name, "PostgreSQL refuses to run as root and there is no postgres account: install the postgresql package or run as a normal user.");
            if (UnixAccounts.FirstClosedAncestor(ClusterDirectory) is { } closed)
            {
                throw new ResourceStartException(Name,
                    $"PostgreSQL runs as the postgres user, which cannot enter {closed}: choose a data folder outside it (--data).");
            }
        }

        Directory.CreateDirectory(DataDirectory);
        UnixAccounts.CreateOwnedDirectory(ClusterDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, owner);
        UnixAccounts.CreateOwnedDirectory(SocketDirectory,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            owner);
    }

    private async Task InitializeClusterAsync(CancellationToken cancellationToken)
    {
        _log.Info($"initdb {ClusterDirectory}");
        var initdb = Path.Combine(_bin!, "initdb");
        string[] common = ["-D", ClusterDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"];
        var result = await CommandRunner.RunAsync(initdb, [.. common, "--locale=C.UTF-8"], TimeSpan.FromMinutes(2),
            cancellationToken, ServiceAccount, DataDirectory);
        if (!result.Succeeded && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
        {
            // Some systems lack C.UTF-8; the C locale works with any encoding.
            result = await CommandRunner.RunAsync(initdb, [.. common, "--locale=C"], TimeSpan.FromMinutes(2),
                cancellationToken, ServiceAccount, DataDirectory);
        }

        foreach (var line in result.Output.Split('\n'))
        {
            _log.Output(line.TrimEnd());
        }

        if (!result.Succeeded)
        {
            throw new ResourceStartException(Name, $"initdb failed with code {result.ExitCode}; see {_log.FilePath}.");
        }
    }
}
