using System.Security.Cryptography;
using Npgsql;
using Platform.AppHost.Hosting;

namespace Platform.Drills.Tests;

/// <summary>
/// The whole platform for drills: PostgreSQL, RabbitMQ, Redis and maildev of its own (a drill stops them,
/// and no other suite may feel it), and the gateway and the four services as processes of their own, wired
/// as the AppHost wires them (<c>PlatformTopology</c>), so that a drill can <c>kill -9</c> one and start it again.
/// </summary>
public sealed class DrillPlatform : IAsyncLifetime
{
    private static readonly string[] Databases = ["identitydb", "membershipdb", "notificationsdb", "approvalsdb"];
    private readonly string data = Path.Combine(Path.GetTempPath(), $"platform-drills-{Guid.NewGuid():N}");
    private readonly Dictionary<string, PlatformService> services = [];

    internal PostgresServer Postgres { get; private set; } = null!;
    internal RabbitMqServer RabbitMq { get; private set; } = null!;
    internal RedisServer Redis { get; private set; } = null!;
    internal MailDevServer Smtp { get; private set; } = null!;
    public ReceivedMail Mail { get; private set; } = null!;
    public Uri Gateway => services["gateway"].Address;

    public async Task InitializeAsync()
    {
        Postgres = new PostgresServer(data, echoToConsole: false);
        RabbitMq = new RabbitMqServer(data, echoToConsole: false);
        Redis = new RedisServer(data, echoToConsole: false);
        Smtp = new MailDevServer(data, name: "smtp", echoToConsole: false);
        await Task.WhenAll(Postgres.StartAsync(), RabbitMq.StartAsync(), Redis.StartAsync(), Smtp.StartAsync());
        foreach (var database in Databases)
        {
            await Postgres.CreateDatabaseAsync(database, CancellationToken.None);
        }

        Mail = new ReceivedMail(Path.Combine(data, "mail"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        foreach (var service in PlatformService.Wire(this, key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem()))
        {
            services[service.Name] = service;
        }

        await Task.WhenAll(services.Values.Where(s => s.Name != "gateway").Select(s => s.StartAsync()));
        await services["gateway"].StartAsync();
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres.ConnectionString) { Database = database }.ConnectionString;

    /// <summary>SIGKILL of a service: it gets no chance to finish, commit or say goodbye.</summary>
    public Task KillAsync(string service) => services[service].KillAsync();

    /// <summary>Stops a server (<c>postgres</c>, <c>rabbitmq</c>, <c>redis</c>, <c>smtp</c>: the AppHost's resource names) the way its own shutdown does.</summary>
    public Task StopAsync(string server) => Server(server).Stop();

    /// <summary>Starts a server or a service again, on its port, with its data and settings.</summary>
    public Task StartAsync(string resource) =>
        services.TryGetValue(resource, out var service) ? service.StartAsync() : Server(resource).Start(CancellationToken.None);

    private (Func<Task> Stop, Func<CancellationToken, Task> Start) Server(string name) => name switch
    {
        "postgres" => (Postgres.StopAsync, Postgres.StartAsync),
        "rabbitmq" => (RabbitMq.StopAsync, RabbitMq.StartAsync),
        "redis" => (Redis.StopAsync, Redis.StartAsync),
        "smtp" => (Smtp.StopAsync, Smtp.StartAsync),
        _ => throw new ArgumentException($"No server called {name}.", nameof(name)),
    };

    public MailDevClient MailApi => new(Smtp.WebUrl);

    public async Task DisposeAsync()
    {
        foreach (var service in services.Values)
        {
            await service.DisposeAsync();
        }

        await Task.WhenAll(Smtp.DisposeAsync().AsTask(), Redis.DisposeAsync().AsTask(), RabbitMq.DisposeAsync().AsTask(), Postgres.DisposeAsync().AsTask());
        try { Directory.Delete(data, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Every drill shares one platform: starting it is a third of the suite's time. Drills run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DrillCollection : ICollectionFixture<DrillPlatform>
{
    public const string Name = "Drills";
}
