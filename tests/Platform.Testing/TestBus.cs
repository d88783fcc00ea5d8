using MassTransit;

namespace Platform.Testing;

/// <summary>
/// A bare MassTransit bus on a test context's prefix, for what a service under test would receive
/// from elsewhere: a message published twice with one MessageId, a poison message.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private readonly IBusControl bus;

    private TestBus(IBusControl bus) => this.bus = bus;

    public static async Task<TestBus> StartAsync(string rabbitMq, string prefix, Action<IRabbitMqBusFactoryConfigurator>? configure = null)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(rabbitMq));
            rabbit.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, prefix + "."));
            configure?.Invoke(rabbit);
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return new TestBus(bus);
    }

    public Task PublishAsync<T>(T message, Guid messageId) where T : class =>
        typeof(T) == typeof(object)
            ? bus.Publish(message, message.GetType(), Pipe.Execute<PublishContext>(context => context.MessageId = messageId))
            : bus.Publish(message, context => context.MessageId = messageId);

    public async ValueTask DisposeAsync() => await bus.StopAsync();
}
