namespace Platform.AppHost.Hosting;

/// <summary>A database of a <see cref="PostgresServerResource"/>, created when missing; the resource name is the database name.</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString
{
    internal PostgresDatabaseResource(PostgresServerResource parent, string name)
        : base(name)
    {
        Parent = parent;
    }

    public PostgresServerResource Parent { get; }

    public string ConnectionString => $"{Parent.ConnectionString};Database={Name}";

    internal override IReadOnlyList<string> DisplayUrls => [];
}
