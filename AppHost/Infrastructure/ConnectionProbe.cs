using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.AppHost.Infrastructure;

/// <summary>A health check that connects to a resource with its own connection string.</summary>
internal sealed class ConnectionProbe(IResourceWithConnectionString resource, Func<string, CancellationToken, Task> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"{resource.Name} has no connection string yet.");
            await probe(connectionString, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(e.Message); // no stack trace: failing until the server is up is normal
        }
    }
}

internal static class ConnectionProbeExtensions
{
    /// <summary>The resource is healthy once <paramref name="probe"/> succeeds against its connection string.</summary>
    public static IResourceBuilder<T> WithConnectionProbe<T>(this IResourceBuilder<T> builder, Func<string, CancellationToken, Task> probe)
        where T : IResourceWithConnectionString
    {
        var key = $"{builder.Resource.Name}_connects";
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new ConnectionProbe(builder.Resource, probe), failureStatus: null, tags: null));
        return builder.WithHealthCheck(key);
    }
}
