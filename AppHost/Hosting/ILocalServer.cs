namespace Platform.AppHost.Hosting;

/// <summary>What the application needs from each standalone server.</summary>
internal interface ILocalServer : IAsyncDisposable
{
    string Name { get; }

    string ConnectionString { get; }

    bool IsRunning { get; }

    /// <summary>Completes when the server's main process exits; null when not started.</summary>
    Task<int>? Exited { get; }

    ResourceLog Log { get; }

    /// <summary>The addresses shown in the resource table.</summary>
    IReadOnlyList<string> DisplayUrls { get; }

    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync();
}
