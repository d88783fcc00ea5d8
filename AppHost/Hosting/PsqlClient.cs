using System.Text.RegularExpressions;

namespace Platform.AppHost.Hosting;

/// <summary>Administration through the psql binary: the AppHost carries no database driver.</summary>
internal sealed partial class PsqlClient(string binDirectory, PostgresConnectionInfo server)
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync(
            Path.Combine(binDirectory, "pg_isready"),
            ["-h", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", server.Username, "-d", "postgres", "-t", "2"],
            TimeSpan.FromSeconds(5),
            cancellationToken);
        return result.Succeeded;
    }

    /// <summary>Creates the database unless it exists; a concurrent creator is not an error.</summary>
    public async Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscore).", nameof(name));
        }

        var exists = await RunAsync($"SELECT 1 FROM pg_database WHERE datname = '{name}'", cancellationToken);
        if (exists.Output.Trim() == "1")
        {
            return;
        }

        var created = await RunAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        if (!created.Succeeded && !created.Output.Contains("already exists", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"CREATE DATABASE {name} failed: {created.Output}");
        }
    }

    private async Task<CommandResult> RunAsync(string sql, CancellationToken cancellationToken)
    {
        var result = await CommandRunner.RunAsync(
            Path.Combine(binDirectory, "psql"),
            ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", server.Host, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-U", server.Username, "-d", "postgres", "-c", sql],
            TimeSpan.FromSeconds(30),
            cancellationToken,
            environment: new Dictionary<string, string?>
            {
                ["PGPASSWORD"] = server.Password,
                ["PGCONNECT_TIMEOUT"] = "5",
            });
        if (!result.Succeeded && !result.Output.Contains("already exists", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"psql on {server.Host}:{server.Port} failed ({result.ExitCode}): {result.Output}");
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex DatabaseName();
}
