using System.Globalization;

namespace Platform.AppHost.Hosting;

/// <summary>
/// A private RabbitMQ node that never meets a system one: its own node name, AMQP, distribution and epmd ports,
/// folders, config files and Erlang cookie, all under &lt;data&gt;/rabbitmq.
/// </summary>
/// <remarks>
/// We run /usr/lib/rabbitmq/bin/rabbitmq-server, not Debian's /usr/sbin wrapper: as root the wrapper switches to
/// the rabbitmq user, which cannot write our folders. Running the real script as whoever we are, with a private
/// HOME (cookie) and RABBITMQ_CONF_ENV_FILE/RABBITMQ_CONFIG_FILE of ours, keeps /etc/rabbitmq and
/// /var/lib/rabbitmq out of it. Without RABBITMQ_ALLOW_INPUT that script stays in the foreground as our direct
/// child and turns SIGTERM into a clean node shutdown. epmd is started first as another direct child on its own
/// port, so the node finds it instead of spawning a daemon, and stopping it never touches a system epmd.
/// </remarks>
public sealed class RabbitMqServer : IAsyncDisposable, ILocalServer
{
    private readonly ResourceLog _log;
    private ChildProcess? _epmd;
    private ChildProcess? _node;

    /// <param name="dataDirectory">The data root shared by all servers: the node lives in &lt;dataDirectory&gt;/rabbitmq.</param>
    /// <param name="port">The AMQP port; 0 picks a free one. Every port is kept across restarts of this instance.</param>
    public RabbitMqServer(
        string dataDirectory,
        int port = 0,
        int distributionPort = 0,
        int epmdPort = 0,
        string name = "rabbitmq",
        bool echoToConsole = true)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port == 0 ? PortAllocator.GetFreePort() : port;
        DistributionPort = distributionPort == 0 ? PortAllocator.GetFreePort() : distributionPort;
        EpmdPort = epmdPort == 0 ? PortAllocator.GetFreePort() : epmdPort;
        Name = name;
        _log = new ResourceLog(name, Path.Combine(DataDirectory, "logs"), echoToConsole);
    }

    public string Name { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public int DistributionPort { get; }

    public int EpmdPort { get; }

    public string NodeName => $"platform-{Port}@localhost";

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public string LogFile => _log.FilePath;

    public bool IsRunning => _node is { HasExited: false };

    public Task<int>? Exited => _node?.Exited;

    ResourceLog ILocalServer.Log => _log;

    IReadOnlyList<string> ILocalServer.DisplayUrls => [$"amqp://127.0.0.1:{Port}/ (node {NodeName})"];

    private string BaseDirectory => Path.Combine(DataDirectory, "rabbitmq");

    private string EpmdPidFile => Path.Combine(Path.GetDirectoryName(_log.PidFilePath)!, $"{Name}-epmd.pid");

    /// <summary>
    /// The environment for rabbitmqctl and friends, to talk to this node:
    /// e.g. <c>env $(...) /usr/lib/rabbitmq/bin/rabbitmqctl -n NodeName status</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> NodeEnvironment => new Dictionary<string, string?>
    {
        ["HOME"] = Path.Combine(BaseDirectory, "home"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(BaseDirectory, "rabbitmq-env.conf"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(BaseDirectory, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(BaseDirectory, "advanced.config"),
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Invariant(Port),
        ["RABBITMQ_DIST_PORT"] = Invariant(DistributionPort),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(BaseDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(BaseDirectory, "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(BaseDirectory, "rabbitmq.pid"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(BaseDirectory, "enabled_plugins"),
        ["ERL_EPMD_PORT"] = Invariant(EpmdPort),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        // Either would make the script exec the VM with an interactive shell or systemd notifications.
        ["RABBITMQ_ALLOW_INPUT"] = null,
        ["NOTIFY_SOCKET"] = null,
    };

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        const string hint = "set ConnectionStrings__{0} to use a running broker";
        PortAllocator.EnsureAvailable(Port, Name, "RabbitMQ AMQP", _log.PidFilePath, string.Format(CultureInfo.InvariantCulture, hint, Name));
        PortAllocator.EnsureAvailable(DistributionPort, Name, "RabbitMQ distribution", _log.PidFilePath);
        PortAllocator.EnsureAvailable(EpmdPort, Name, "RabbitMQ epmd", EpmdPidFile);
        var script = ToolLocator.RabbitMqServer(Name);
        var epmd = ToolLocator.Epmd(Name);
        WriteConfiguration();

        var environment = NodeEnvironment;
        _epmd = ChildProcess.Start(
            new ChildProcessStartInfo(epmd, ["-port", Invariant(EpmdPort), "-address", "127.0.0.1"])
            {
                Environment = environment,
                WorkingDirectory = BaseDirectory,
                PidFile = EpmdPidFile,
            },
            _log);
        await HealthProbes.WaitUntilAsync(Name, ct => HealthProbes.EpmdNamesAsync(EpmdPort, ct), _epmd, _log,
            TimeSpan.FromSeconds(10), $"epmd listening on {EpmdPort}", cancellationToken);

        _log.Info($"starting node {NodeName}");
        _node = ChildProcess.Start(
            new ChildProcessStartInfo(script, []) { Environment = environment, WorkingDirectory = BaseDirectory },
            _log);
        try
        {
            await HealthProbes.WaitUntilAsync(Name, ct => HealthProbes.AmqpHandshakeAsync(Port, ct), _node, _log,
                TimeSpan.FromSeconds(120), "an AMQP handshake", cancellationToken);
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
        if (_node is { HasExited: false })
        {
            _log.Info($"stopping node {NodeName}");
            await _node.StopAsync(TimeSpan.FromSeconds(60));
        }

        if (_epmd is { HasExited: false })
        {
            await _epmd.StopAsync(TimeSpan.FromSeconds(5));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _log.Dispose();
    }

    private void WriteConfiguration()
    {
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(BaseDirectory, folder));
        }

        File.WriteAllText(Path.Combine(BaseDirectory, "rabbitmq-env.conf"),
            "# Written by the AppHost: stands in for /etc/rabbitmq/rabbitmq-env.conf, which must not affect this node.\n");
        // The boot is ~300 info lines: the console (logs/<name>.log) gets warnings, rabbitmq/log/rabbit.log everything.
        File.WriteAllText(Path.Combine(BaseDirectory, "rabbitmq.conf"),
            "# Written by the AppHost on every start: ports and folders come from the environment.\n"
            + "loopback_users.guest = true\n"
            + "log.console = true\n"
            + "log.console.level = warning\n"
            + "log.console.use_colors = off\n"
            + "log.file = rabbit.log\n"
            + "log.file.level = info\n");
        var plugins = Path.Combine(BaseDirectory, "enabled_plugins");
        if (!File.Exists(plugins))
        {
            File.WriteAllText(plugins, "[].\n");
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
