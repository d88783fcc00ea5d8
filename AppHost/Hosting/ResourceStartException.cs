namespace Platform.AppHost.Hosting;

/// <summary>A resource could not be started or did not become healthy; the message says why and what to do.</summary>
public sealed class ResourceStartException : Exception
{
    public ResourceStartException(string resourceName, string message, Exception? innerException = null)
        : base($"{resourceName}: {message}", innerException)
    {
        ResourceName = resourceName;
    }

    /// <summary>Several resources failed at once: one exception naming each.</summary>
    internal ResourceStartException(IReadOnlyList<ResourceStartException> failures)
        : base(string.Join(Environment.NewLine, failures.Select(f => f.Message)), failures[0])
    {
        ResourceName = failures[0].ResourceName;
    }

    public string ResourceName { get; }
}
