using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications;
using Platform.Notifications.Infrastructure;

namespace Platform.Notifications.Tests;

/// <summary>The notifications service on its own database and prefix, with a bus to feed it events.</summary>
public class NotificationsServiceFixture : IAsyncLifetime
{
    public Platform.Testing.TestContext Context { get; } = new();
    public ServiceHost<NotificationsApi> Host { get; private set; } = null!;
    public TestBus Bus { get; private set; } = null!;
    public MailDevClient Mail { get; protected set; } = null!;

    /// <summary>Where links in emails point; the gateway's public address in production.</summary>
    public const string PublicBaseUrl = "https://platform.example";

    public virtual async Task InitializeAsync()
    {
        await Context.InitializeAsync();
        var settings = Context.ServiceSettings("notificationsdb", await Context.CreateDatabaseAsync("notifications"));
        settings["Email:PublicBaseUrl"] = PublicBaseUrl;
        // Plain http is allowed here so that refusals below are about the address, as in production.
        settings["Webhooks:AllowInsecureHttp"] = "true";
        Configure(settings);
        Host = new ServiceHost<NotificationsApi>(settings);
        Host.CreateClient().Dispose();
        Bus = await TestBus.StartAsync(Context.Servers.RabbitMq, Context.MessagingPrefix);
        Mail = new MailDevClient(Context.Servers.MailDevApi);
        // The consumer's queue and bindings exist once the service's bus is up; wait so nothing is published into the void.
        await Eventually.TrueAsync(async () => (await Host.CreateClient().GetAsync("/health")).IsSuccessStatusCode, "notifications to be ready");
    }

    /// <summary>A fixture for a differently configured service changes the settings here.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    public async Task<T> WithDbAsync<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }

    public virtual async Task DisposeAsync()
    {
        await Bus.DisposeAsync();
        await Host.DisposeAsync();
        await Context.DisposeAsync();
    }
}
