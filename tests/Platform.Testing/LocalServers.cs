using Npgsql;
using Platform.AppHost.Hosting;

namespace Platform.Testing;

/// <summary>
/// Starts PostgreSQL, RabbitMQ, Redis and maildev from local installations with the AppHost's own
/// launchers, when the test command did not export servers (a test run from an IDE, say).
/// They are stopped when the test process exits.
/// </summary>
internal static class LocalServers
{
    public static bool AreInstalled() =>
        Directory.Exists("/usr/lib/postgresql")
        && OnPath("redis-server")
        && (OnPath("rabbitmq-server") || File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"));

    public static async Task<TestServers> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), $"platform-tests-{Environment.ProcessId}");
        var postgres = new PostgresServer(data, echoToConsole: false);
        var rabbit = new RabbitMqServer(data, echoToConsole: false);
        var redis = new RedisServer(data, echoToConsole: false);
        var mail = new MailDevServer(data, name: "smtp", echoToConsole: false);
        IAsyncDisposable[] servers = [postgres, rabbit, redis, mail];
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in servers.Reverse())
            {
                server.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
            }
        };

        await Task.WhenAll(postgres.StartAsync(), rabbit.StartAsync(), redis.StartAsync(), mail.StartAsync());
        return new TestServers(postgres.ConnectionString, rabbit.ConnectionString, redis.ConnectionString, mail.ConnectionString, mail.WebUrl);
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, name)));
}
