using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Testing;

/// <summary>
/// The AppHost's servers alone (its Infrastructure:Only mode), started in this process through Aspire.Hosting.Testing
/// on free ports with a data folder of their own: the same resources `scripts/run.sh` starts, as executables or
/// containers. A test may stop and start a server with Aspire's resource commands; it keeps its port and data.
/// </summary>
public sealed class AppHostInfrastructure : IAsyncDisposable
{
    public static readonly string[] Servers = ["postgres", "redis", "rabbitmq", "smtp"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly DistributedApplication app;

    private AppHostInfrastructure(DistributedApplication app, string dataDirectory)
    {
        this.app = app;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>The running AppHost: resource states (ResourceNotifications), commands, endpoints.</summary>
    public DistributedApplication App => app;

    /// <summary>maildev's inbox and REST API.</summary>
    public Uri Inbox => app.GetEndpoint("smtp", "http");

    /// <summary>
    /// Starts the servers; when one fails to start (a port taken between being chosen and being bound), once more
    /// on other ports and a fresh data folder, and the first failure's server logs go to standard error.
    /// </summary>
    public static async Task<AppHostInfrastructure> StartAsync(string? dataDirectory = null)
    {
        var data = dataDirectory ?? NewDataDirectory();
        try
        {
            return await StartOnceAsync(data);
        }
        catch (DistributedApplicationException first) when (dataDirectory is null)
        {
            await Console.Error.WriteLineAsync($"Servers did not start ({first.Message}); starting them once more. Logs: {data}");
            return await StartOnceAsync(NewDataDirectory());
        }
    }

    private static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), $"platform-servers-{Guid.NewGuid():N}");

    private static async Task<AppHostInfrastructure> StartOnceAsync(string data)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Platform_AppHost>(
            ["--Infrastructure:Only=true", "--Infrastructure:DynamicPorts=true", $"--Infrastructure:DataDirectory={data}"],
            timeout.Token);
        var app = await builder.BuildAsync(timeout.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            foreach (var server in Servers)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(server, timeout.Token);
            }
        }
        catch
        {
            await app.StopAsync();
            await app.DisposeAsync();
            throw;
        }

        return new AppHostInfrastructure(app, data);
    }

    public async Task<string> ConnectionStringAsync(string resourceName)
        => await app.GetConnectionStringAsync(resourceName)
            ?? throw new InvalidOperationException($"{resourceName} has no connection string.");

    public async Task<TestServers> ToTestServersAsync() => new(
        await ConnectionStringAsync("postgres"),
        await ConnectionStringAsync("rabbitmq"),
        await ConnectionStringAsync("redis"),
        await ConnectionStringAsync("smtp"),
        Inbox);

    /// <summary>Stops the server (Aspire's resource-stop command) and returns once it has exited.</summary>
    public async Task StopResourceAsync(string resourceName)
    {
        await ExecuteAsync(resourceName, KnownResourceCommands.StopCommand);
        using var timeout = new CancellationTokenSource(Patience);
        await app.ResourceNotifications.WaitForResourceAsync(resourceName, [KnownResourceStates.Exited, KnownResourceStates.Finished], timeout.Token);
    }

    /// <summary>Starts the server again (resource-start) and returns once it is healthy.</summary>
    public async Task StartResourceAsync(string resourceName)
    {
        await ExecuteAsync(resourceName, KnownResourceCommands.StartCommand);
        using var timeout = new CancellationTokenSource(Patience);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* a file of a server still exiting; the temp folder is reclaimed later */ }
        catch (UnauthorizedAccessException) { }
    }

    private async Task ExecuteAsync(string resourceName, string command)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Single(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase));
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} on {resourceName} failed: {result.Message}");
        }
    }
}
