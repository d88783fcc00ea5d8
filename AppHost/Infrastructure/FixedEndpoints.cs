namespace Platform.AppHost.Infrastructure;

internal static class FixedEndpoints
{
    /// <summary>
    /// An endpoint the executable itself listens on, on a port known before it starts (no Aspire proxy in front):
    /// a server keeps its address across a stop and start, and clients that cached it reconnect.
    /// </summary>
    public static IResourceBuilder<T> WithFixedEndpoint<T>(this IResourceBuilder<T> builder, string name, int port, string scheme)
        where T : IResourceWithEndpoints => builder.WithEndpoint(name, endpoint =>
        {
            endpoint.UriScheme = scheme;
            endpoint.Port = port;
            endpoint.TargetPort = port;
            endpoint.IsProxied = false;
        });
}
