using System.Globalization;
using StackExchange.Redis;

namespace Platform.AppHost.Infrastructure;

/// <summary>redis-server from the local installation, with append-only persistence: sessions survive a restart.</summary>
public sealed class RedisExecutableResource(string name, string workingDirectory)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    public EndpointReference PrimaryEndpoint => new(this, "tcp");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

public static class RedisExecutableExtensions
{
    public static IResourceBuilder<RedisExecutableResource> AddRedisExecutable(
        this IDistributedApplicationBuilder builder, string name, InfrastructureSettings settings, int fixedPort)
    {
        var port = settings.Port(fixedPort);
        var data = settings.DataFolder("redis");
        return builder.AddResource(new RedisExecutableResource(name, data))
            .WithArgs("--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", data,
                "--appendonly", "yes", "--daemonize", "no")
            .WithFixedEndpoint("tcp", port, "tcp")
            .WithConnectionProbe(async (connectionString, _) =>
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync($"{connectionString},connectTimeout=2000");
                await redis.GetDatabase().PingAsync();
            });
    }
}
