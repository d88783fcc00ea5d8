namespace Platform.AppHost.Hosting;

/// <summary>Declares the resources, Aspire style; <see cref="Build"/> fixes ports and connection strings.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
    }

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public PostgresServerResource AddPostgres(string name, int? port = null)
        => Register(new PostgresServerResource(this, name, port));

    public RedisResource AddRedis(string name, int? port = null)
        => Register(new RedisResource(name, port));

    public RabbitMQServerResource AddRabbitMQ(string name, int? port = null, int? distributionPort = null, int? epmdPort = null)
        => Register(new RabbitMQServerResource(name, port, distributionPort, epmdPort));

    public MailDevResource AddMailDev(string name, int? smtpPort = null, int? webPort = null)
        => Register(new MailDevResource(name, smtpPort, webPort));

    /// <param name="projectPath">The .csproj, relative to the AppHost folder (as in Aspire) or absolute.</param>
    public ProjectResource AddProject(string name, string projectPath, int? port = null)
    {
        var fullPath = Path.GetFullPath(Path.IsPathRooted(projectPath) ? projectPath : Path.Combine(Options.AppHostDirectory, projectPath));
        return Register(new ProjectResource(name, fullPath, port));
    }

    public DistributedApplication Build() => new(Options, _resources);

    internal T Register<T>(T resource)
        where T : Resource
    {
        if (string.IsNullOrWhiteSpace(resource.Name) || resource.Name.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            throw new ArgumentException($"'{resource.Name}' is not a valid resource name (letters, digits, '-' and '_').");
        }

        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' is already declared.");
        }

        _resources.Add(resource);
        return resource;
    }
}
