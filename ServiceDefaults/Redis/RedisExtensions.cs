using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// One multiplexer from <c>ConnectionStrings:redis</c> and a database view scoped to
    /// <c>Redis:KeyPrefix</c> (default <c>platform:</c>), so every key this platform writes is namespaced.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformRedis(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("redis")
            ?? throw new InvalidOperationException("ConnectionStrings:redis is not configured.");
        var keyPrefix = builder.Configuration["Redis:KeyPrefix"] ?? "platform:";

        var options = ConfigurationOptions.Parse(connectionString);
        // Start even when Redis is down; the readiness check says so and the multiplexer reconnects.
        options.AbortOnConnectFail = false;
        // While Redis is away, fail a command at once (the request answers 503 with Retry-After) instead
        // of queueing it until the 5 s timeout; and try to reconnect every half second, so requests
        // succeed again within a second of Redis's return.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddSingleton(services => new PlatformRedis(services.GetRequiredService<IConnectionMultiplexer>(), keyPrefix));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return builder;
    }
}
