using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Platform.ServiceDefaults.Redis;

/// <summary>The platform's Redis database, every key under the configured prefix.</summary>
public sealed class PlatformRedis(IConnectionMultiplexer multiplexer, string keyPrefix)
{
    public IDatabase Database { get; } = multiplexer.GetDatabase().WithKeyPrefix(keyPrefix);
}
