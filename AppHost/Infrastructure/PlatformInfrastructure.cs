namespace Platform.AppHost.Infrastructure;

/// <summary>The servers every service depends on, declared once, run as containers or as local executables.</summary>
public sealed record PlatformInfrastructure(
    InfrastructureSettings Settings,
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> RabbitMQ,
    IResourceBuilder<IResourceWithConnectionString> Smtp,
    EndpointReference Inbox,
    Func<string, IResourceBuilder<IResourceWithConnectionString>> AddDatabase);

public static class PlatformInfrastructureExtensions
{
    // Fixed ports keep URLs and connection strings stable between runs (Infrastructure:DynamicPorts picks free ones).
    private const int PostgresPort = 55432, RedisPort = 56379, RabbitMQPort = 55672, SmtpPort = 51025, InboxPort = 51080;

    /// <summary>
    /// PostgreSQL, Redis, RabbitMQ and an SMTP sink named postgres, redis, rabbitmq and smtp: containers where a
    /// container runtime is healthy, local executables otherwise (Infrastructure:Mode forces either).
    /// </summary>
    public static PlatformInfrastructure AddPlatformInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var settings = InfrastructureSettings.From(builder);
        return settings.Mode == InfrastructureMode.Containers
            ? AddContainers(builder, settings)
            : AddExecutables(builder, settings);
    }

    private static PlatformInfrastructure AddContainers(IDistributedApplicationBuilder builder, InfrastructureSettings settings)
    {
        int? Port(int port) => settings.DynamicPorts ? null : port;
        var postgres = builder.AddPostgres("postgres", port: Port(PostgresPort)).WithDataVolume("platform-postgres");
        var redis = builder.AddRedis("redis", port: Port(RedisPort)).WithDataVolume("platform-redis").WithPersistence(TimeSpan.FromSeconds(10));
        var rabbitmq = builder.AddRabbitMQ("rabbitmq", port: Port(RabbitMQPort)).WithDataVolume("platform-rabbitmq").WithManagementPlugin();
        var smtp = builder.AddMailDevContainer("smtp", Port(SmtpPort), Port(InboxPort));
        return new PlatformInfrastructure(settings, postgres, redis, rabbitmq, smtp, smtp.GetEndpoint("http"),
            name => postgres.AddDatabase(name).WithResetCommand(_ => throw new NotSupportedException(
                "Reset the database with `docker volume rm platform-postgres` while the AppHost is stopped.")));
    }

    private static PlatformInfrastructure AddExecutables(IDistributedApplicationBuilder builder, InfrastructureSettings settings)
    {
        var postgres = builder.AddPostgresExecutable("postgres", settings, PostgresPort);
        var redis = builder.AddRedisExecutable("redis", settings, RedisPort);
        var rabbitmq = builder.AddRabbitMQExecutable("rabbitmq", settings, RabbitMQPort, fixedDistributionPort: 55673, fixedEpmdPort: 54369);
        var smtp = builder.AddMailDevExecutable("smtp", settings, SmtpPort, InboxPort);
        return new PlatformInfrastructure(settings, postgres, redis, rabbitmq, smtp, smtp.GetEndpoint("http"),
            name => postgres.AddDatabase(name));
    }
}
