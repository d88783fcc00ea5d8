using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Identity;
using Platform.Identity.Infrastructure;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Tests;

/// <summary>
/// The outbox against a real outage: this class runs the AppHost's servers of its own so it can
/// stop the broker (Aspire's resource-stop) without disturbing other tests.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly Platform.Testing.TestContext context = new();
    private AppHostInfrastructure servers = null!;
    private string broker = "";
    private ServiceHost<IdentityApi> host = null!;

    public async Task InitializeAsync()
    {
        await context.InitializeAsync();
        servers = await AppHostInfrastructure.StartAsync();
        broker = await servers.ConnectionStringAsync("rabbitmq");
        var settings = context.ServiceSettings("identitydb", await context.CreateDatabaseAsync("identity"));
        settings["ConnectionStrings:rabbitmq"] = broker;
        host = new ServiceHost<IdentityApi>(settings);
        host.CreateClient().Dispose();
    }

    [Fact]
    public async Task A_registration_succeeds_while_the_broker_is_down_and_its_event_is_delivered_once_when_it_returns()
    {
        await using var published = await EventCollector<UserRegistered>.StartAsync(broker, context.MessagingPrefix);
        var email = Registrations.UniqueEmail("outage");

        await servers.StopResourceAsync("rabbitmq");
        var response = await host.CreateClient().RegisterAsync(Registrations.Valid(email));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var pending = await WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null));
        Assert.True(pending > 0, "the registration's events wait in the outbox");

        await servers.StartResourceAsync("rabbitmq");
        await published.WaitForAsync(e => e.Email == email, TimeSpan.FromSeconds(120));
        await Eventually.TrueAsync(
            async () => await WithDbAsync(db => db.Set<OutboxMessage>().AllAsync(m => m.SentAt != null)),
            "the outbox row to be marked sent");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, published.Count(e => e.Email == email));
    }

    private async Task<T> WithDbAsync<T>(Func<IdentityDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await servers.DisposeAsync();
        await context.DisposeAsync();
    }
}
