using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// A concurrent cache that never holds more than <paramref name="capacity"/> entries, so a burst of new keys cannot grow
/// a process's memory: when it is full, the stale entries go first, then all of them.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, Func<TValue, bool> isStale, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> entries = new(comparer);

    public int Count => entries.Count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => entries.TryGetValue(key, out value);

    public void Remember(TKey key, TValue value)
    {
        if (entries.Count >= capacity) ForgetStale();
        entries[key] = value;
    }

    private void ForgetStale()
    {
        foreach (var (key, value) in entries)
        {
            if (isStale(value)) entries.TryRemove(key, out _);
        }

        if (entries.Count >= capacity) entries.Clear();
    }
}
