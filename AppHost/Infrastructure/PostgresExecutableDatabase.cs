using Npgsql;

namespace Platform.AppHost.Infrastructure;

/// <summary>A database in <see cref="PostgresExecutableResource"/>, created once the server is healthy.</summary>
public sealed class PostgresExecutableDatabaseResource(string name, PostgresExecutableResource parent)
    : Resource(name), IResourceWithParent<PostgresExecutableResource>, IResourceWithConnectionString
{
    public PostgresExecutableResource Parent => parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={Name}");

    internal async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenServerAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", Name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{Name}\"", cancellationToken);
        }
    }

    /// <summary>Drops the database (closing its connections) and creates it empty.</summary>
    internal async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenServerAsync(cancellationToken);
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", cancellationToken);
        await ExecuteAsync(connection, $"CREATE DATABASE \"{Name}\"", cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenServerAsync(CancellationToken cancellationToken)
    {
        var server = await Parent.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public static class PostgresExecutableDatabaseExtensions
{
    public static IResourceBuilder<PostgresExecutableDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresExecutableResource> postgres, string name)
    {
        var database = new PostgresExecutableDatabaseResource(name, postgres.Resource);
        postgres.Resource.Databases.Add(database);
        return postgres.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithConnectionProbe(async (connectionString, ct) =>
            {
                await using var connection = new NpgsqlConnection(connectionString + ";Timeout=3");
                await connection.OpenAsync(ct);
            })
            .WithResetCommand(ct => database.ResetAsync(ct));
    }
}
