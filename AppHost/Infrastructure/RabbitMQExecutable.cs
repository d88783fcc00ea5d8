using System.Globalization;
using RabbitMQ.Client;

namespace Platform.AppHost.Infrastructure;

/// <summary>A private RabbitMQ node: its own node name, ports, folders and Erlang cookie under {data}/rabbitmq.</summary>
public sealed class RabbitMQExecutableResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"amqp://guest:guest@127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}/");
}

public static class RabbitMQExecutableExtensions
{
    /// <summary>
    /// `{name}-epmd` (Erlang's port mapper, in the foreground on a port of its own) and `{name}`, the node. Left to
    /// itself the node would start `epmd -daemon`, which escapes the AppHost and outlives the run.
    /// </summary>
    /// <remarks>
    /// We run /usr/lib/rabbitmq/bin/rabbitmq-server, not Debian's /usr/sbin wrapper: as root that one switches to the
    /// rabbitmq user, who cannot write our folders. A private HOME (cookie) and config files of ours keep
    /// /etc/rabbitmq and /var/lib/rabbitmq out of it. The script stays in the foreground and turns SIGTERM into a
    /// clean node shutdown.
    /// </remarks>
    public static IResourceBuilder<RabbitMQExecutableResource> AddRabbitMQExecutable(
        this IDistributedApplicationBuilder builder, string name, InfrastructureSettings settings,
        int fixedPort, int fixedDistributionPort, int fixedEpmdPort)
    {
        var (port, distributionPort, epmdPort) = (settings.Port(fixedPort), settings.Port(fixedDistributionPort), settings.Port(fixedEpmdPort));
        var folder = settings.DataFolder("rabbitmq");
        WriteConfiguration(folder);

        var epmd = builder.AddExecutable($"{name}-epmd", FindTool("epmd", "/usr/bin/epmd", "/usr/lib/erlang/bin/epmd"), folder,
                "-address", "127.0.0.1", "-port", Invariant(epmdPort))
            .WithFixedEndpoint("tcp", epmdPort, "tcp")
            .WithTcpProbe(epmdPort);

        return builder.AddResource(new RabbitMQExecutableResource(name, FindServerScript(), folder))
            .WithEnvironment("HOME", Path.Combine(folder, "home"))
            .WithEnvironment("RABBITMQ_CONF_ENV_FILE", Path.Combine(folder, "rabbitmq-env.conf"))
            .WithEnvironment("RABBITMQ_CONFIG_FILE", Path.Combine(folder, "rabbitmq.conf"))
            .WithEnvironment("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(folder, "advanced.config"))
            .WithEnvironment("RABBITMQ_NODENAME", "platform-" + Invariant(port) + "@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", Invariant(port))
            .WithEnvironment("RABBITMQ_DIST_PORT", Invariant(distributionPort))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(folder, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(folder, "log"))
            .WithEnvironment("RABBITMQ_PID_FILE", Path.Combine(folder, "rabbitmq.pid"))
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(folder, "enabled_plugins"))
            .WithEnvironment("ERL_EPMD_PORT", Invariant(epmdPort))
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            // Without it, a node (or its prelaunch helper) that finds no epmd starts `epmd -daemon` on our port, which
            // outlives the run and then keeps `{name}-epmd` from starting the next time.
            .WithEnvironment("ERL_FLAGS", "-start_epmd false")
            .WithFixedEndpoint("tcp", port, "amqp")
            .WaitFor(epmd)
            .WithConnectionProbe(async (connectionString, ct) =>
            {
                var factory = new ConnectionFactory { Uri = new Uri(connectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(3) };
                await using var connection = await factory.CreateConnectionAsync(ct);
            });
    }

    private static void WriteConfiguration(string folder)
    {
        foreach (var sub in new[] { "home", "mnesia", "log" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        File.WriteAllText(Path.Combine(folder, "rabbitmq-env.conf"),
            "# Written by the AppHost: stands in for /etc/rabbitmq/rabbitmq-env.conf, which must not affect this node.\n");
        // The boot is ~300 info lines: the console gets warnings, log/rabbit.log everything.
        File.WriteAllText(Path.Combine(folder, "rabbitmq.conf"),
            "# Written by the AppHost on every start: ports and folders come from the environment.\n"
            + "loopback_users.guest = true\n"
            + "log.console = true\n"
            + "log.console.level = warning\n"
            + "log.console.use_colors = off\n"
            + "log.file = rabbit.log\n"
            + "log.file.level = info\n");
        var plugins = Path.Combine(folder, "enabled_plugins");
        if (!File.Exists(plugins))
        {
            File.WriteAllText(plugins, "[].\n");
        }
    }

    private static string FindServerScript() =>
        (File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server")
            ? "/usr/lib/rabbitmq/bin/rabbitmq-server"
            : (Directory.Exists("/usr/lib/rabbitmq/lib") ? Directory.EnumerateDirectories("/usr/lib/rabbitmq/lib", "rabbitmq_server-*") : [])
                .Select(d => Path.Combine(d, "sbin", "rabbitmq-server"))
                .FirstOrDefault(File.Exists))
        ?? throw new InvalidOperationException(
            "RabbitMQ is not installed (no /usr/lib/rabbitmq/bin/rabbitmq-server): run scripts/install-prerequisites.sh, "
            + "or use containers (Infrastructure:Mode=containers).");

    private static string FindTool(string name, params string[] candidates) => candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: run scripts/install-prerequisites.sh.");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
