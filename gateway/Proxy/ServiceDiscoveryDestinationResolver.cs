using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Platform.Gateway.Proxy;

/// <summary>
/// Resolves cluster destinations such as <c>http://identity</c> through Microsoft.Extensions.ServiceDiscovery
/// (<c>services__identity__http__0</c> locally, DNS on Kubernetes), as Aspire's YARP integration would;
/// that package is not available to us, so this is its small equivalent.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>();
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, destination) in destinations)
        {
            var address = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(address.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(source.ChangeToken);
            var index = 0;
            foreach (var endpoint in source.Endpoints)
            {
                var uri = ToUri(endpoint.EndPoint, address);
                resolved[$"{name}[{index++}]"] = destination with { Address = uri.ToString() };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    private static Uri ToUri(EndPoint endpoint, Uri original) => endpoint switch
    {
        IPEndPoint ip => new UriBuilder(original) { Host = ip.Address.ToString(), Port = ip.Port }.Uri,
        DnsEndPoint dns => new UriBuilder(original) { Host = dns.Host, Port = dns.Port }.Uri,
        _ when Uri.TryCreate(endpoint.ToString(), UriKind.Absolute, out var uri) => uri,
        _ => throw new InvalidOperationException($"Service discovery returned an endpoint the gateway cannot use: {endpoint}."),
    };
}
