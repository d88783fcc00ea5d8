using Npgsql;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One test class's isolated slice of the shared servers: its own databases, its own exchange and
/// queue prefix, its own Redis key prefix. Use it as an xunit class fixture.
/// </summary>
public sealed class TestContext : IAsyncLifetime
{
    private readonly List<string> databases = [];

    public string Id { get; } = $"t{Guid.NewGuid():N}"[..13];
    public TestServers Servers { get; private set; } = null!;
    public string MessagingPrefix => Id;
    public string RedisKeyPrefix => $"{Id}:";

    public async Task InitializeAsync() => Servers = await TestServers.GetAsync();

    /// <summary>A new, empty database; the service migrates it at start.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var database = $"{Id}_{name}";
        await using var connection = new NpgsqlConnection(Servers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
        databases.Add(database);
        return new NpgsqlConnectionStringBuilder(Servers.Postgres) { Database = database }.ConnectionString;
    }

    /// <summary>Settings every service host needs, pointing at this context's slice of the servers.</summary>
    public Dictionary<string, string?> ServiceSettings(string databaseName, string databaseConnectionString) => new()
    {
        [$"ConnectionStrings:{databaseName}"] = databaseConnectionString,
        ["ConnectionStrings:rabbitmq"] = Servers.RabbitMq,
        ["ConnectionStrings:redis"] = Servers.Redis,
        ["ConnectionStrings:smtp"] = Servers.Smtp,
        ["Messaging:Prefix"] = MessagingPrefix,
        ["Messaging:OutboxPollInterval"] = "00:00:00.250",
        ["Messaging:PublishTimeout"] = "00:00:03",
        ["Redis:KeyPrefix"] = RedisKeyPrefix,
        ["InternalToken:PublicKey"] = TestKeys.PublicKeyPem,
        ["Email:PollInterval"] = "00:00:00.250",
        ["Email:FirstRetryDelay"] = "00:00:01",
    };

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Servers.Postgres);
        await connection.OpenAsync();
        foreach (var database in databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
