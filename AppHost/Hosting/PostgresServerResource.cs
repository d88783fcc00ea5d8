namespace Platform.AppHost.Hosting;

public sealed class PostgresServerResource : InfrastructureResource
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly List<PostgresDatabaseResource> _databases = [];

    internal PostgresServerResource(DistributedApplicationBuilder builder, string name, int? port)
        : base(name)
    {
        _builder = builder;
        Port = port;
    }

    /// <summary>The declared port; null picks a free one.</summary>
    public int? Port { get; }

    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    internal override IReadOnlyList<string> DisplayUrls => _databases.Count == 0
        ? base.DisplayUrls
        : [.. base.DisplayUrls, "databases: " + string.Join(", ", _databases.Select(d => d.Name))];

    public PostgresDatabaseResource AddDatabase(string name)
    {
        var database = new PostgresDatabaseResource(this, name);
        _builder.Register(database);
        _databases.Add(database);
        return database;
    }

    internal override ILocalServer CreateServer(DistributedApplicationContext context)
        => new PostgresServer(context.DataDirectory, context.ResolvePort(Port), Name, context.EchoToConsole);
}
