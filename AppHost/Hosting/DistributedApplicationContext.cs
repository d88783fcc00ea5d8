namespace Platform.AppHost.Hosting;

/// <summary>What resources need from the application while it is being built.</summary>
internal sealed class DistributedApplicationContext(DistributedApplicationOptions options)
{
    public DistributedApplicationOptions Options { get; } = options;

    public string DataDirectory => Options.DataDirectory;

    public bool EchoToConsole => Options.EchoToConsole;

    /// <summary>A declared port plus --port-offset, or a free port with --dynamic-ports or when none was declared.</summary>
    public int ResolvePort(int? declared)
        => declared is { } port && !Options.DynamicPorts ? port + Options.PortOffset : PortAllocator.GetFreePort();

    public string? ConfiguredConnectionString(string name)
        => Options.Environment.TryGetValue($"ConnectionStrings__{name}", out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
