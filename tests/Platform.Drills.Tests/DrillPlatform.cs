using System.Security.Cryptography;
using Npgsql;

namespace Platform.Drills.Tests;

/// <summary>
/// The whole platform for drills: the AppHost's servers of its own (its servers-only mode, through
/// Aspire.Hosting.Testing; a drill stops and starts them with Aspire's resource commands, and no other suite
/// may feel it), and the gateway and the four services as processes of their own, wired as the AppHost wires
/// them (<c>AppHost/Program.cs</c>), so that a drill can <c>kill -9</c> one and start it again on its port.
/// </summary>
public class DrillPlatform : IAsyncLifetime
{
    private static readonly string[] Databases = ["identitydb", "membershipdb", "notificationsdb", "approvalsdb"];
    private readonly Dictionary<string, PlatformService> services = [];
    private AppHostInfrastructure servers = null!;
    private string postgres = "";

    internal string RabbitMq { get; private set; } = "";
    internal string Redis { get; private set; } = "";
    internal string Smtp { get; private set; } = "";
    public ReceivedMail Mail { get; private set; } = null!;
    public Uri Gateway => services["gateway"].Address;
    public IReadOnlyList<Uri> Gateways => services.Values.Where(s => s.Service == "gateway").OrderBy(s => s.ReplicaNumber).Select(s => s.Address).ToList();

    /// <summary>How many processes of each service and of the gateway run: one for the drills.</summary>
    protected virtual int Replicas => 1;

    public async Task InitializeAsync()
    {
        servers = await AppHostInfrastructure.StartAsync();
        (postgres, RabbitMq, Redis, Smtp) = (await servers.ConnectionStringAsync("postgres"), await servers.ConnectionStringAsync("rabbitmq"),
            await servers.ConnectionStringAsync("redis"), await servers.ConnectionStringAsync("smtp"));
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            foreach (var database in Databases)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }

        Mail = new ReceivedMail(Path.Combine(servers.DataDirectory, "mail"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        foreach (var service in PlatformService.Wire(this, key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem(), Replicas))
        {
            services[service.Name] = service;
        }

        // Replica by replica: the first of each service migrates its database before a second starts on it.
        foreach (var wave in services.Values.Where(s => s.Service != "gateway").GroupBy(s => s.ReplicaNumber).OrderBy(g => g.Key))
        {
            await Task.WhenAll(wave.Select(s => s.StartAsync()));
        }

        await Task.WhenAll(services.Values.Where(s => s.Service == "gateway").Select(s => s.StartAsync()));
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;

    /// <summary>SIGKILL of a service (<c>identity</c>, or a replica: <c>identity-2</c>): it gets no chance to finish, commit or say goodbye.</summary>
    public Task KillAsync(string service) => services[service].KillAsync();

    /// <summary>Stops a server (<c>postgres</c>, <c>rabbitmq</c>, <c>redis</c>, <c>smtp</c>) with Aspire's resource-stop command.</summary>
    public Task StopAsync(string server) => servers.StopResourceAsync(server);

    /// <summary>Starts a server (resource-start, on its port with its data) or a service (on its port, with its settings) again.</summary>
    public Task StartAsync(string resource) =>
        services.TryGetValue(resource, out var service) ? service.StartAsync() : servers.StartResourceAsync(resource);

    public MailDevClient MailApi => new(servers.Inbox);

    public async Task DisposeAsync()
    {
        foreach (var service in services.Values)
        {
            await service.DisposeAsync();
        }

        await servers.DisposeAsync();
    }
}

/// <summary>Every drill shares one platform: starting it is a third of the suite's time. Drills run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DrillCollection : ICollectionFixture<DrillPlatform>
{
    public const string Name = "Drills";
}
