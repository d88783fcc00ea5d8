using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tests;

/// <summary>The cache behind the gateway's session tokens and the services' verified tokens never outgrows its bound.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public void When_full_it_forgets_the_stale_entries_first_and_keeps_the_fresh_ones()
    {
        var cache = new BoundedCache<int, bool>(capacity: 4, isStale: fresh => !fresh);
        cache.Remember(1, true);
        cache.Remember(2, false);
        cache.Remember(3, true);
        cache.Remember(4, false);

        cache.Remember(5, true);

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet(1, out _));
        Assert.False(cache.TryGet(2, out _));
        Assert.True(cache.TryGet(5, out _));
    }

    [Fact]
    public void When_full_of_fresh_entries_it_starts_again_rather_than_grow()
    {
        var cache = new BoundedCache<int, bool>(capacity: 3, isStale: fresh => !fresh);
        foreach (var key in Enumerable.Range(0, 3)) cache.Remember(key, true);

        cache.Remember(99, true);

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(99, out _));
    }

    [Fact]
    public void Keys_compare_as_the_given_comparer_says()
    {
        var cache = new BoundedCache<string, int>(capacity: 10, isStale: _ => false, StringComparer.Ordinal);
        cache.Remember("token", 1);

        Assert.True(cache.TryGet("token", out var value));
        Assert.Equal(1, value);
        Assert.False(cache.TryGet("TOKEN", out _));
    }
}
