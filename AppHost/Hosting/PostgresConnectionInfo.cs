namespace Platform.AppHost.Hosting;

/// <summary>The parts of an Npgsql connection string that psql needs.</summary>
internal sealed record PostgresConnectionInfo(string Host, int Port, string Username, string? Password)
{
    public static PostgresConnectionInfo Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim());

        string? Get(params string[] keys) => keys.Select(k => parts.GetValueOrDefault(k)).FirstOrDefault(v => v is not null);

        var host = Get("host", "server") ?? "127.0.0.1";
        var port = int.TryParse(Get("port"), out var p) ? p : 5432;
        return new PostgresConnectionInfo(host, port, Get("username", "user id", "userid", "user") ?? "postgres", Get("password", "pwd"));
    }
}
