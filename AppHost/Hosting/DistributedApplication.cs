using System.Diagnostics;

namespace Platform.AppHost.Hosting;

/// <summary>
/// Starts infrastructure first (each server unless ConnectionStrings__&lt;name&gt; is set), then every project as
/// soon as what it references or waits for is healthy; stops projects first, then infrastructure.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan ProjectStopTimeout = TimeSpan.FromSeconds(10);
    private readonly List<Resource> _resources;
    private readonly DistributedApplicationContext _context;
    private readonly ResourceLog _log;
    private readonly Lock _gate = new();
    private Task? _stopping;
    private bool _started;
    private InternalTokenKeyPair? _keys;

    internal DistributedApplication(DistributedApplicationOptions options, IReadOnlyList<Resource> resources)
    {
        Options = options;
        _resources = [.. resources];
        _context = new DistributedApplicationContext(options);
        EnsureNoWaitCycles();
        Directory.CreateDirectory(options.DataDirectory);
        _log = new ResourceLog("apphost", LogDirectory, options.EchoToConsole);
        foreach (var resource in _resources)
        {
            switch (resource)
            {
                case InfrastructureResource infra when _context.ConfiguredConnectionString(infra.Name) is { } external:
                    infra.ExternalConnectionString = external;
                    if (infra is MailDevResource mail
                        && options.Environment.TryGetValue($"services__{infra.Name}__http__0", out var web)
                        && Uri.TryCreate(web, UriKind.Absolute, out var webUrl))
                    {
                        mail.ExternalWebUrl = webUrl;
                    }

                    break;
                case InfrastructureResource infra:
                    infra.Server = infra.CreateServer(_context);
                    break;
                case ProjectResource project:
                    project.ResolvePort(_context);
                    break;
            }
        }
    }

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>From <see cref="StartAsync"/> to every resource healthy.</summary>
    public TimeSpan? StartupTime { get; private set; }

    public string LogDirectory => Path.Combine(Options.DataDirectory, "logs");

    public static DistributedApplicationBuilder CreateBuilder(string[] args)
        => new(DistributedApplicationOptions.Parse(args));

    public Resource GetResource(string resourceName)
        => _resources.FirstOrDefault(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException($"No resource named '{resourceName}' (declared: {string.Join(", ", _resources.Select(r => r.Name))}).");

    /// <summary>A project's HTTP endpoint, or maildev's web UI and API.</summary>
    public Uri GetEndpoint(string resourceName) => GetResource(resourceName) switch
    {
        ProjectResource project => project.HttpEndpoint,
        MailDevResource mail => mail.WebUrl
            ?? throw new InvalidOperationException($"{mail.Name} is external and services__{mail.Name}__http__0 is not set."),
        var other => throw new InvalidOperationException($"{other.Name} has no HTTP endpoint; use GetConnectionString."),
    };

    public string GetConnectionString(string resourceName) => GetResource(resourceName) is IResourceWithConnectionString resource
        ? resource.ConnectionString
        : throw new InvalidOperationException($"{resourceName} has no connection string; use GetEndpoint.");

    /// <summary>Starts everything and returns once all is healthy; the first failure cancels the rest and is thrown.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("The application was already started.");
            }

            _started = true;
        }

        var clock = Stopwatch.StartNew();
        if (_resources.OfType<ProjectResource>().Any())
        {
            _keys = InternalTokenKeys.LoadOrCreate(Path.Combine(Options.DataDirectory, "internal-token"));
        }

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = _resources.ToDictionary(r => r, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var failures = new List<ResourceStartException>();
        await Task.WhenAll(_resources.Select(r => StartResourceAsync(r, ready, failFast, failures)));
        if (failures.Count > 0)
        {
            throw failures.Count == 1 ? failures[0] : new ResourceStartException(failures);
        }

        cancellationToken.ThrowIfCancellationRequested();
        StartupTime = clock.Elapsed;
        WatchForUnexpectedExits();
    }

    public Task StopAsync()
    {
        lock (_gate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    public Task<int> RunAsync(CancellationToken cancellationToken = default) => RunAsync(null, cancellationToken);

    /// <summary>
    /// Starts, prints the resource table, runs <paramref name="onStarted"/>, then waits for Ctrl+C, SIGTERM or
    /// SIGHUP (or a server dying) and stops. Returns the process exit code.
    /// </summary>
    public async Task<int> RunAsync(Func<DistributedApplication, CancellationToken, Task>? onStarted, CancellationToken cancellationToken = default)
    {
        using var shutdown = ShutdownSignal.Listen(_log.Info);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        foreach (var argument in Options.UnrecognizedArguments)
        {
            _log.Info($"ignoring unknown argument '{argument}'; {DistributedApplicationOptions.Usage}");
        }

        _log.Info($"starting {_resources.Count(r => r is not PostgresDatabaseResource)} resources; data and logs in {Options.DataDirectory}");
        var clock = Stopwatch.StartNew();
        var exitCode = 0;
        try
        {
            await StartAsync(stop.Token);
            PrintTable($"All healthy in {StartupTime!.Value.TotalSeconds:0.0} s. Logs: {LogDirectory}/<resource>.log. Press Ctrl+C to stop.");
            if (onStarted is not null)
            {
                await onStarted(this, stop.Token);
            }

            var serverExit = InfrastructureExitAsync();
            await Task.WhenAny(serverExit, Task.Delay(Timeout.Infinite, stop.Token));
            if (!stop.IsCancellationRequested)
            {
                exitCode = 1;
                _log.Info("an infrastructure server exited unexpectedly: stopping everything");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            _log.Info("startup interrupted");
        }
        catch (Exception e)
        {
            exitCode = 1;
            PrintTable($"Startup FAILED after {clock.Elapsed.TotalSeconds:0.0} s: {e.Message}");
        }

        await StopAsync();
        _log.Info(exitCode == 0 ? "stopped" : $"stopped (exit code {exitCode})");
        return exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var infra in _resources.OfType<InfrastructureResource>())
        {
            if (infra.Server is not null)
            {
                await infra.Server.DisposeAsync();
            }
        }

        foreach (var project in _resources.OfType<ProjectResource>())
        {
            project.Log?.Dispose();
        }

        _log.Dispose();
    }

    private async Task StartResourceAsync(
        Resource resource,
        Dictionary<Resource, TaskCompletionSource> ready,
        CancellationTokenSource failFast,
        List<ResourceStartException> failures)
    {
        try
        {
            switch (resource)
            {
                case InfrastructureResource infra:
                    await StartInfrastructureAsync(infra, failFast.Token);
                    break;
                case PostgresDatabaseResource database:
                    // Databases are created as part of their server's start.
                    await ready[database.Parent].Task.WaitAsync(failFast.Token);
                    database.State = database.Parent.State;
                    break;
                case ProjectResource project:
                    await StartProjectAsync(project, ready, failFast.Token);
                    break;
            }

            ready[resource].TrySetResult();
        }
        catch (Exception e) when (failFast.IsCancellationRequested && e is OperationCanceledException)
        {
            if (resource.State is not ResourceState.Running and not ResourceState.External)
            {
                resource.State = ResourceState.NotStarted;
                resource.StateDetail = "cancelled";
            }

            ready[resource].TrySetCanceled();
        }
        catch (Exception e)
        {
            resource.State = ResourceState.FailedToStart;
            resource.StateDetail = e.Message;
            lock (failures)
            {
                failures.Add(e as ResourceStartException ?? new ResourceStartException(resource.Name, e.Message, e));
            }

            ready[resource].TrySetCanceled();
            await failFast.CancelAsync();
        }
    }

    private async Task StartInfrastructureAsync(InfrastructureResource infra, CancellationToken cancellationToken)
    {
        if (infra.IsExternal)
        {
            infra.State = ResourceState.External;
            _log.Info($"{infra.Name}: ConnectionStrings__{infra.Name} is set, using that server instead of starting one");
            if (infra is PostgresServerResource { Databases.Count: > 0 } external)
            {
                await CreateExternalDatabasesAsync(external, cancellationToken);
            }

            return;
        }

        infra.State = ResourceState.Starting;
        await infra.Server!.StartAsync(cancellationToken);
        if (infra is PostgresServerResource postgres)
        {
            foreach (var database in postgres.Databases)
            {
                await ((PostgresServer)infra.Server).CreateDatabaseAsync(database.Name, cancellationToken);
            }
        }

        infra.State = ResourceState.Running;
    }

    private async Task CreateExternalDatabasesAsync(PostgresServerResource postgres, CancellationToken cancellationToken)
    {
        try
        {
            var psql = new PsqlClient(ToolLocator.PostgresBin(postgres.Name, Options.DataDirectory), PostgresConnectionInfo.Parse(postgres.ConnectionString));
            foreach (var database in postgres.Databases)
            {
                await psql.EnsureDatabaseAsync(database.Name, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.Info($"{postgres.Name}: could not create the databases on the external server ({e.Message}); the services will have to");
        }
    }

    private async Task StartProjectAsync(ProjectResource project, Dictionary<Resource, TaskCompletionSource> ready, CancellationToken cancellationToken)
    {
        project.State = ResourceState.Waiting;
        var dependencies = project.References.Where(r => r is not ProjectResource).Concat(project.WaitsFor).Distinct();
        foreach (var dependency in dependencies)
        {
            await ready[dependency].Task.WaitAsync(cancellationToken);
        }

        project.State = ResourceState.Starting;
        var dll = Path.Combine(project.ProjectDirectory, "bin", Options.Configuration, "net10.0", project.AssemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new ResourceStartException(project.Name,
                $"{dll} does not exist: build it first (dotnet build {project.ProjectPath} -c {Options.Configuration}); `dotnet run --project AppHost` builds every project.");
        }

        project.Log ??= new ResourceLog(project.Name, LogDirectory, Options.EchoToConsole);
        PortAllocator.EnsureAvailable(project.HttpEndpoint.Port, project.Name, "HTTP", project.Log.PidFilePath);
        project.Process = ChildProcess.Start(
            new ChildProcessStartInfo(ToolLocator.Dotnet(), [dll])
            {
                WorkingDirectory = project.ProjectDirectory,
                Environment = ProjectEnvironment(project),
            },
            project.Log);

        var health = new Uri(project.HttpEndpoint, "/health");
        await HealthProbes.WaitUntilAsync(project.Name, ct => HealthProbes.HttpOkAsync(health, ct), project.Process, project.Log,
            Options.ProjectHealthTimeout, $"GET {health} answering 200", cancellationToken);
        project.State = ResourceState.Running;
        project.Log.Info($"healthy: {project.HttpEndpoint}");
    }

    /// <summary>The variables a real Aspire AppHost would inject, so services run unchanged under either.</summary>
    private Dictionary<string, string?> ProjectEnvironment(ProjectResource project)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = project.HttpEndpoint.ToString().TrimEnd('/'),
            // Inherited ones would fight ASPNETCORE_URLS.
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };

        foreach (var (key, value) in Options.Environment.Where(e => e.Key.StartsWith("OTEL_", StringComparison.Ordinal)))
        {
            environment[key] = value;
        }

        environment["OTEL_SERVICE_NAME"] = project.Name;
        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case ProjectResource service:
                    environment[$"services__{service.Name}__http__0"] = service.HttpEndpoint.ToString().TrimEnd('/');
                    break;
                case IResourceWithConnectionString resource:
                    environment[$"ConnectionStrings__{resource.Name}"] = resource.ConnectionString;
                    break;
            }
        }

        if (_keys is not null)
        {
            environment["InternalToken__PublicKey"] = _keys.PublicKeyPem;
            if (project.SignsInternalTokens)
            {
                environment["InternalToken__SigningKey"] = _keys.PrivateKeyPem;
            }
        }

        foreach (var (key, value) in project.EnvironmentValues)
        {
            environment[key] = value();
        }

        return environment;
    }

    private async Task StopCoreAsync()
    {
        var projects = _resources.OfType<ProjectResource>().Where(p => p.Process is { HasExited: false }).ToList();
        await Task.WhenAll(projects.Select(async project =>
        {
            project.State = ResourceState.Stopping;
            project.Log?.Info("stopping");
            await project.Process!.StopAsync(ProjectStopTimeout);
            project.State = ResourceState.Stopped;
        }));

        var servers = _resources.OfType<InfrastructureResource>().Where(i => i.Server is not null).ToList();
        await Task.WhenAll(servers.Select(async infra =>
        {
            var wasUp = infra.Server!.IsRunning;
            if (wasUp)
            {
                infra.State = ResourceState.Stopping;
            }

            await infra.Server.StopAsync();
            if (wasUp)
            {
                infra.State = ResourceState.Stopped;
            }
        }));

        foreach (var database in _resources.OfType<PostgresDatabaseResource>())
        {
            database.State = database.Parent.State;
        }
    }

    private void WatchForUnexpectedExits()
    {
        foreach (var resource in _resources)
        {
            var exited = resource switch
            {
                ProjectResource project => project.Process?.Exited,
                InfrastructureResource infra => infra.Server?.Exited,
                _ => null,
            };

            exited?.ContinueWith(
                t =>
                {
                    if (_stopping is null)
                    {
                        resource.State = ResourceState.Exited;
                        resource.StateDetail = $"code {t.Result}";
                        _log.Info($"{resource.Name} exited unexpectedly with code {t.Result}");
                    }
                },
                TaskScheduler.Default);
        }
    }

    private Task InfrastructureExitAsync()
    {
        var exits = _resources.OfType<InfrastructureResource>().Select(i => i.Server?.Exited).OfType<Task<int>>().ToList();
        return exits.Count == 0 ? Task.Delay(Timeout.Infinite) : Task.WhenAny(exits);
    }

    private void PrintTable(string footer)
    {
        var table = ResourceTable.Render(_resources, footer);
        ConsoleSink.WriteBlock(table);
        foreach (var line in table.Split('\n'))
        {
            _log.Record(line.TrimEnd());
        }
    }

    private void EnsureNoWaitCycles()
    {
        var visiting = new HashSet<Resource>();
        var done = new HashSet<Resource>();

        void Visit(Resource resource, Stack<Resource> path)
        {
            if (done.Contains(resource))
            {
                return;
            }

            if (!visiting.Add(resource))
            {
                throw new InvalidOperationException($"WaitFor cycle: {string.Join(" -> ", path.Reverse().Append(resource))}.");
            }

            path.Push(resource);
            if (resource is ProjectResource project)
            {
                foreach (var next in project.WaitsFor)
                {
                    Visit(next, path);
                }
            }

            path.Pop();
            visiting.Remove(resource);
            done.Add(resource);
        }

        foreach (var resource in _resources)
        {
            Visit(resource, new Stack<Resource>());
        }
    }
}
