namespace Platform.AppHost;

internal static class PlatformServices
{
    /// <summary>
    /// What every service gets: a fixed HTTP port (stable URLs), the Development environment (migrations at start),
    /// the internal token's public key, and /health as its health check.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsPlatformService(
        this IResourceBuilder<ProjectResource> project, int port, InternalTokenKeyParameters keys) => project
        .WithHttpEndpoint(port: port)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
        .WithEnvironment("InternalToken__PublicKey", keys.PublicKey)
        .WithHttpHealthCheck("/health");

    /// <summary>ConnectionStrings__{name} for the project, which starts once that resource is healthy.</summary>
    public static IResourceBuilder<ProjectResource> Uses(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> resource)
        => project.WithReference(resource).WaitFor(resource);

    /// <summary>A page of the project listed next to its endpoint in the dashboard and the console.</summary>
    public static IResourceBuilder<ProjectResource> WithPageUrl(
        this IResourceBuilder<ProjectResource> project, string path, string displayText)
        => project.WithUrls(context =>
        {
            var http = context.Urls.FirstOrDefault(u => u.Endpoint?.EndpointName == "http");
            if (http is not null)
            {
                context.Urls.Add(new ResourceUrlAnnotation { Url = http.Url.TrimEnd('/') + path, DisplayText = displayText });
            }
        });
}
