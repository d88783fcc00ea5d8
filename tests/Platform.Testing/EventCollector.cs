using System.Collections.Concurrent;
using MassTransit;

namespace Platform.Testing;

/// <summary>
/// Listens on a test context's prefix for every <typeparamref name="T"/> that is published, with its
/// own temporary queue, so a test can assert what left a service and how many times.
/// </summary>
public sealed class EventCollector<T> : IAsyncDisposable where T : class
{
    private readonly ConcurrentQueue<ConsumeContext<T>> received = new();
    private TestBus? bus;

    public IReadOnlyCollection<ConsumeContext<T>> Received => received;

    public static async Task<EventCollector<T>> StartAsync(string rabbitMq, string prefix)
    {
        var collector = new EventCollector<T>();
        collector.bus = await TestBus.StartAsync(rabbitMq, prefix, rabbit =>
            rabbit.ReceiveEndpoint($"{prefix}-collector-{typeof(T).Name}-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Durable = true;
                endpoint.AutoDelete = false;
                endpoint.Handler<T>(context =>
                {
                    collector.received.Enqueue(context);
                    return Task.CompletedTask;
                });
            }));
        return collector;
    }

    public Task<ConsumeContext<T>> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => Task.FromResult(received.FirstOrDefault(c => match(c.Message))), $"a published {typeof(T).Name}", timeout);

    public int Count(Func<T, bool> match) => received.Count(c => match(c.Message));

    public async ValueTask DisposeAsync()
    {
        if (bus is not null) await bus.DisposeAsync();
    }
}
