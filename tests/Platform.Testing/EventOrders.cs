using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Testing;

/// <summary>
/// Delivers events about many subjects, each subject's events in its own order: every subject's first
/// event, then (once the service has handled all of those) every subject's second, and so on. With one
/// subject per permutation, one run proves a projection ends the same whatever order its events take.
/// </summary>
public static class EventOrders
{
    /// <summary>Every order of <paramref name="items"/> (n! of them), the given order first.</summary>
    public static IReadOnlyList<T[]> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1) return [items.ToArray()];
        return items.SelectMany((first, i) => Permutations(items.Where((_, j) => j != i).ToList()).Select(rest => rest.Prepend(first).ToArray())).ToList();
    }

    /// <summary>Publishes round by round and waits until the service's inbox holds each round before the next.</summary>
    public static Task DeliverRoundByRoundAsync<TEntryPoint, TDbContext>(
        this ServiceFixture<TEntryPoint, TDbContext> service, IReadOnlyList<IReadOnlyList<object>> sequences)
        where TEntryPoint : class
        where TDbContext : DbContext =>
        DeliverRoundByRoundAsync(service.Bus, sequences, ids => service.WithDbAsync(db => HandledAsync(db, ids)));

    /// <summary>As above, for a service whose inbox <paramref name="handled"/> counts (<see cref="HandledAsync"/>).</summary>
    public static async Task DeliverRoundByRoundAsync(TestBus bus, IReadOnlyList<IReadOnlyList<object>> sequences, Func<IReadOnlyList<Guid>, Task<int>> handled)
    {
        for (var round = 0; round < sequences.Max(s => s.Count); round++)
        {
            var messages = sequences.Where(s => s.Count > round).Select(s => (Id: NewId.NextGuid(), Message: s[round])).ToList();
            await Task.WhenAll(messages.Select(m => bus.PublishAsync(m.Message, m.Id)));
            var ids = messages.Select(m => m.Id).ToList();
            await Eventually.TrueAsync(async () => await handled(ids) == ids.Count, $"round {round + 1}: {ids.Count} events to be handled", TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>How many of these messages the inbox records as handled.</summary>
    public static Task<int> HandledAsync(DbContext db, IReadOnlyList<Guid> messageIds) =>
        db.Set<InboxRecord>().Where(r => messageIds.Contains(r.MessageId)).Select(r => r.MessageId).Distinct().CountAsync();
}
