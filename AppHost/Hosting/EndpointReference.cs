namespace Platform.AppHost.Hosting;

/// <summary>A project's endpoint, resolved when the value is needed (ports are chosen at Build).</summary>
public sealed class EndpointReference
{
    internal EndpointReference(ProjectResource resource, string endpointName)
    {
        Resource = resource;
        EndpointName = endpointName;
    }

    public ProjectResource Resource { get; }

    public string EndpointName { get; }

    public Uri Url => Resource.HttpEndpoint;

    public override string ToString() => Url.ToString().TrimEnd('/');
}
