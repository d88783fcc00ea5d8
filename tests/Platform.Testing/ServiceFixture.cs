using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Platform.Testing;

/// <summary>
/// One service on its own database, message prefix and key prefix, ready (healthy) before the first
/// test, with a bus to feed it events and direct access to its DbContext for arranging and asserting.
/// </summary>
public abstract class ServiceFixture<TEntryPoint, TDbContext>(string connectionName, string databaseName) : IAsyncLifetime
    where TEntryPoint : class
    where TDbContext : DbContext
{
    public TestContext Context { get; } = new();
    public ServiceHost<TEntryPoint> Host { get; private set; } = null!;
    public TestBus Bus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Context.InitializeAsync();
        var settings = Context.ServiceSettings(connectionName, await Context.CreateDatabaseAsync(databaseName));
        Configure(settings);
        Host = new ServiceHost<TEntryPoint>(settings);
        // The consumers' queues exist once the service's bus is up: wait, so nothing is published into the void.
        await Eventually.TrueAsync(async () => (await Host.CreateClient().GetAsync("/health")).IsSuccessStatusCode, $"{databaseName} to be ready");
        Bus = await TestBus.StartAsync(Context.Servers.RabbitMq, Context.MessagingPrefix);
    }

    /// <summary>Adjust the service's settings before it starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings) { }

    public async Task<T> WithDbAsync<T>(Func<TDbContext, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (Bus is not null) await Bus.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        await Context.DisposeAsync();
    }
}
