namespace Platform.AppHost.Hosting;

/// <summary>A .NET project of the repository, launched from its build output with Aspire's environment conventions.</summary>
public sealed class ProjectResource : Resource
{
    private readonly List<Resource> _references = [];
    private readonly List<Resource> _waitsFor = [];
    private readonly List<(string Key, Func<string> Value)> _environment = [];
    private readonly List<(string Path, string Label)> _urls = [];
    private int? _resolvedPort;

    internal ProjectResource(string name, string projectPath, int? port)
        : base(name)
    {
        ProjectPath = projectPath;
        Port = port;
    }

    public string ProjectPath { get; }

    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    public string AssemblyName => Path.GetFileNameWithoutExtension(ProjectPath);

    /// <summary>The declared HTTP port; null picks a free one.</summary>
    public int? Port { get; }

    /// <summary>The entry point for clients (the gateway): listed first in the resource table.</summary>
    public bool HasExternalHttpEndpoint { get; private set; }

    /// <summary>Receives InternalToken__SigningKey, the private half of the internal-token key pair.</summary>
    public bool SignsInternalTokens { get; private set; }

    public Uri HttpEndpoint => _resolvedPort is { } port
        ? new Uri($"http://127.0.0.1:{port}")
        : throw new InvalidOperationException($"{Name}: the endpoint is known once the application is built.");

    public IReadOnlyList<Resource> References => _references;

    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    internal IReadOnlyList<(string Key, Func<string> Value)> EnvironmentValues => _environment;

    internal ChildProcess? Process { get; set; }

    internal ResourceLog? Log { get; set; }

    internal override IReadOnlyList<string> DisplayUrls => _resolvedPort is null
        ? []
        : [HttpEndpoint.ToString().TrimEnd('/'), .. _urls.Select(u => $"{new Uri(HttpEndpoint, u.Path)} ({u.Label})")];

    public EndpointReference GetEndpoint(string name = "http") => name == "http"
        ? new EndpointReference(this, name)
        : throw new ArgumentException($"{Name} has only the \"http\" endpoint.", nameof(name));

    /// <summary>ConnectionStrings__&lt;resource name&gt; (a database, redis, rabbitmq, smtp...).</summary>
    public ProjectResource WithReference(IResourceWithConnectionString resource)
    {
        _references.Add((Resource)resource);
        return this;
    }

    /// <summary>services__&lt;name&gt;__http__0, for Microsoft.Extensions.ServiceDiscovery (http://name).</summary>
    public ProjectResource WithReference(ProjectResource project)
    {
        _references.Add(project);
        return this;
    }

    public ProjectResource WithEnvironment(string name, string value) => WithEnvironment(name, () => value);

    public ProjectResource WithEnvironment(string name, EndpointReference endpoint) => WithEnvironment(name, endpoint.ToString);

    public ProjectResource WithEnvironment(string name, Func<string> value)
    {
        _environment.Add((name, value));
        return this;
    }

    public ProjectResource WithExternalHttpEndpoint()
    {
        HasExternalHttpEndpoint = true;
        return this;
    }

    public ProjectResource WithInternalTokenSigningKey()
    {
        SignsInternalTokens = true;
        return this;
    }

    /// <summary>An extra address for the resource table, relative to the HTTP endpoint.</summary>
    public ProjectResource WithUrl(string relativePath, string label)
    {
        _urls.Add((relativePath, label));
        return this;
    }

    /// <summary>Starts this project only once <paramref name="resource"/> is healthy.</summary>
    public ProjectResource WaitFor(Resource resource)
    {
        _waitsFor.Add(resource);
        return this;
    }

    internal void ResolvePort(DistributedApplicationContext context) => _resolvedPort = context.ResolvePort(Port);
}
