using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Testcontainers.Redis;

namespace Platform.Testing;

/// <summary>
/// The path for machines with a Docker engine and no local servers: the same four servers as
/// containers. (Not exercised on the project's own CI machines, which have no Docker engine.)
/// </summary>
internal static class ContainerServers
{
    public static async Task<TestServers> StartAsync()
    {
        var postgres = new PostgreSqlBuilder("postgres:15").Build();
        var rabbit = new RabbitMqBuilder("rabbitmq:3.13").WithUsername("guest").WithPassword("guest").Build();
        var redis = new RedisBuilder("redis:7").Build();
        var mail = new ContainerBuilder("maildev/maildev:2.2.1")
            .WithPortBinding(1025, true)
            .WithPortBinding(1080, true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(1080).ForPath("/healthz")))
            .Build();
        IContainer[] containers = [postgres, rabbit, redis, mail];
        await Task.WhenAll(containers.Select(container => container.StartAsync()));

        return new TestServers(
            postgres.GetConnectionString(),
            rabbit.GetConnectionString(),
            redis.GetConnectionString(),
            $"smtp://{mail.Hostname}:{mail.GetMappedPublicPort(1025)}",
            new Uri($"http://{mail.Hostname}:{mail.GetMappedPublicPort(1080)}"));
    }
}
