using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Infrastructure;

internal static class TcpProbe
{
    /// <summary>Healthy once something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static IResourceBuilder<T> WithTcpProbe<T>(this IResourceBuilder<T> builder, int port)
        where T : IResource
    {
        var key = $"{builder.Resource.Name}_listens";
        builder.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async ct =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        });
        return builder.WithHealthCheck(key);
    }
}
