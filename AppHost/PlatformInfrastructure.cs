using Platform.AppHost.Hosting;

namespace Platform.AppHost;

/// <summary>The servers every service depends on; also all that the test command's `infrastructure` verb starts.</summary>
public sealed record PlatformInfrastructure(
    PostgresServerResource Postgres,
    RedisResource Redis,
    RabbitMQServerResource RabbitMQ,
    MailDevResource Smtp);
