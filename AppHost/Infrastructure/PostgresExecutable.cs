using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.AppHost.Infrastructure;

/// <summary>A private PostgreSQL cluster run from the local installation, with trust authentication on 127.0.0.1.</summary>
public sealed class PostgresExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "sh", workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host=127.0.0.1;Port={PrimaryEndpoint.Property(EndpointProperty.TargetPort)};Username=postgres");

    internal List<PostgresExecutableDatabaseResource> Databases { get; } = [];
}

public static class PostgresExecutableExtensions
{
    /// <summary>
    /// PostgreSQL as two resources: `{name}-init` runs initdb once (a folder it left half-done is moved aside and
    /// initialized again), then `{name}` runs the postmaster. Data is kept in {data}/postgres between runs.
    /// </summary>
    public static IResourceBuilder<PostgresExecutableResource> AddPostgresExecutable(
        this IDistributedApplicationBuilder builder, string name, InfrastructureSettings settings, int fixedPort)
    {
        var bin = PostgresBinaries.Find(Path.Combine(settings.DataDirectory, "postgres"));
        var data = Path.Combine(settings.DataDirectory, "postgres");
        var run = Path.Combine(settings.DataDirectory, "postgres-run");
        var port = settings.Port(fixedPort);

        var init = builder.AddExecutable($"{name}-init", "sh", settings.DataDirectory)
            .WithArgs("-c", InitScript, "postgres-init", bin, data, run, UnixUser.RunAs("postgres"));

        return builder.AddResource(new PostgresExecutableResource(name, settings.DataDirectory))
            .WithArgs("-c", RunScript, "postgres", bin, data, run, UnixUser.RunAs("postgres"), port.ToString(CultureInfo.InvariantCulture))
            .WithFixedEndpoint(PostgresExecutableResource.EndpointName, port, "tcp")
            .WaitForCompletion(init)
            .WithConnectionProbe(async (connectionString, ct) =>
            {
                await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres;Timeout=3");
                await connection.OpenAsync(ct);
            })
            .OnResourceReady(async (postgres, ready, ct) =>
            {
                var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
                foreach (var database in postgres.Databases)
                {
                    await database.EnsureCreatedAsync(ct);
                    await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running });
                }
            });
    }

    // $1 bin, $2 data folder, $3 socket folder, $4 "setpriv …" or empty.
    // initdb leaves a marker last: a folder without it is from an initdb that never finished.
    private const string InitScript = """
        set -e
        bin="$1"; data="$2"; run="$3"; as_postgres="$4"
        if [ -f "$data/platform-initialized" ]; then echo "reusing the cluster in $data"; exit 0; fi
        if [ -d "$data" ] && [ -n "$(ls -A "$data")" ]; then
          aside="$data.incomplete-$(date +%Y%m%d%H%M%S)"
          echo "$data holds a cluster that initdb never finished: moved to $aside (delete it when you like) and initializing again"
          mv "$data" "$aside"
        fi
        mkdir -p "$data" "$run"
        chmod 700 "$data"
        if [ -n "$as_postgres" ]; then chown postgres:postgres "$data" "$run"; fi
        if ! $as_postgres test -w "$data"; then
          echo "the postgres user cannot write $data: choose a data folder it can reach (Infrastructure:DataDirectory)" >&2; exit 1
        fi
        $as_postgres "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync --locale=C.UTF-8 \
          || $as_postgres "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync --locale=C
        $as_postgres touch "$data/platform-initialized"
        """;

    // DCP stops a resource with SIGTERM, which PostgreSQL takes as a *smart* shutdown that waits for every client:
    // turn it into SIGINT, a fast shutdown. $5 is the port.
    private const string RunScript = """
        bin="$1"; data="$2"; run="$3"; as_postgres="$4"; port="$5"
        mkdir -p "$run"
        if [ -n "$as_postgres" ]; then chown postgres:postgres "$run"; fi
        $as_postgres "$bin/postgres" -D "$data" -p "$port" -k "$run" -c listen_addresses=127.0.0.1 &
        pid=$!
        trap 'kill -INT $pid 2>/dev/null' TERM INT
        wait $pid; status=$?
        while kill -0 $pid 2>/dev/null; do wait $pid; status=$?; done
        exit $status
        """;
}
