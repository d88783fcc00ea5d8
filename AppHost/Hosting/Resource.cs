namespace Platform.AppHost.Hosting;

public abstract class Resource
{
    private protected Resource(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public ResourceState State { get; internal set; } = ResourceState.NotStarted;

    /// <summary>Why the resource is in its state, when that needs saying (a failure, an exit code).</summary>
    public string? StateDetail { get; internal set; }

    /// <summary>Shown in the resource table.</summary>
    internal abstract IReadOnlyList<string> DisplayUrls { get; }

    public override string ToString() => Name;
}
