using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Platform.Approvals.Infrastructure;
using Platform.Contracts.Approvals;

namespace Platform.Approvals.Tests;

/// <summary>
/// Approvals on the real servers with a clock the tests move (expiry, escalation, link lifetimes),
/// listeners for every event it publishes, and a bus to feed it membership's and identity's events.
/// Shared by the API test classes of <see cref="ApprovalsApiCollection"/>, which run one after another.
/// </summary>
public sealed class ApprovalsApiFixture : IAsyncLifetime
{
    public TestContext Context { get; } = new();
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public ServiceHost<ApprovalsApi> Host { get; private set; } = null!;
    public TestBus Bus { get; private set; } = null!;
    public EventCollector<ApprovalRequested> Requested { get; private set; } = null!;
    public EventCollector<ApprovalStepAdvanced> StepAdvanced { get; private set; } = null!;
    public EventCollector<ApprovalDecided> Decided { get; private set; } = null!;
    public EventCollector<ApprovalExpired> Expired { get; private set; } = null!;
    public EventCollector<ApprovalCancelled> Cancelled { get; private set; } = null!;
    public EventCollector<ExternalApprovalLinkIssued> LinkIssued { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Context.InitializeAsync();
        var settings = Context.ServiceSettings("approvalsdb", await Context.CreateDatabaseAsync("approvals"));
        // The sweep runs on the fake clock: it ticks only when a test moves time.
        settings["Expiry:SweepInterval"] = "01:00:00";
        Host = new ServiceHost<ApprovalsApi>(settings, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        await Eventually.TrueAsync(async () => (await Host.CreateClient().GetAsync("/health")).IsSuccessStatusCode, "approvals to be ready");
        Bus = await TestBus.StartAsync(Context.Servers.RabbitMq, Context.MessagingPrefix);
        var (rabbit, prefix) = (Context.Servers.RabbitMq, Context.MessagingPrefix);
        Requested = await EventCollector<ApprovalRequested>.StartAsync(rabbit, prefix);
        StepAdvanced = await EventCollector<ApprovalStepAdvanced>.StartAsync(rabbit, prefix);
        Decided = await EventCollector<ApprovalDecided>.StartAsync(rabbit, prefix);
        Expired = await EventCollector<ApprovalExpired>.StartAsync(rabbit, prefix);
        Cancelled = await EventCollector<ApprovalCancelled>.StartAsync(rabbit, prefix);
        LinkIssued = await EventCollector<ExternalApprovalLinkIssued>.StartAsync(rabbit, prefix);
    }

    public async Task<T> WithDbAsync<T>(Func<ApprovalsDbContext, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ApprovalsDbContext>());
    }

    public async Task DisposeAsync()
    {
        foreach (var collector in new IAsyncDisposable?[] { Requested, StepAdvanced, Decided, Expired, Cancelled, LinkIssued })
            if (collector is not null) await collector.DisposeAsync();
        if (Bus is not null) await Bus.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        await Context.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApprovalsApiCollection : ICollectionFixture<ApprovalsApiFixture>
{
    public const string Name = "approvals API";
}
