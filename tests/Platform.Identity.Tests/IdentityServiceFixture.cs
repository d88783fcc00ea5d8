using Microsoft.Extensions.DependencyInjection;
using Platform.Identity;
using Platform.Identity.Infrastructure;

namespace Platform.Identity.Tests;

/// <summary>The identity service on its own database, message prefix and key prefix.</summary>
public sealed class IdentityServiceFixture : IAsyncLifetime
{
    public Platform.Testing.TestContext Context { get; } = new();
    public ServiceHost<IdentityApi> Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Context.InitializeAsync();
        var database = await Context.CreateDatabaseAsync("identity");
        Host = new ServiceHost<IdentityApi>(Context.ServiceSettings("identitydb", database));
        Host.CreateClient().Dispose();
    }

    public async Task<T> WithDbAsync<T>(Func<IdentityDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Context.DisposeAsync();
    }
}
