using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenIddict.Abstractions;
using Platform.Identity.OpenIdConnect;

namespace Platform.Identity.Tests;

/// <summary>Replicas start together: each registers the API scope if it is missing, and losing that race stops none of them.</summary>
public sealed class OpenIdScopeRegistrationTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task Eight_replicas_registering_the_scope_at_once_all_finish_and_leave_one_scope()
    {
        await service.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "OpenIddictScopes" """));
        var scopes = service.Host.Services.GetRequiredService<IServiceScopeFactory>();
        var replicas = Enumerable.Range(0, 8).Select(_ => new OpenIdScopeRegistration(scopes, NullLogger<OpenIdScopeRegistration>.Instance)).ToList();

        await Task.WhenAll(replicas.Select(r => r.StartAsync(CancellationToken.None)));
        await Task.WhenAll(replicas.Select(r => r.ExecuteTask!)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(replicas, r => Assert.True(r.ExecuteTask!.IsCompletedSuccessfully));
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        Assert.Equal(1, await manager.CountAsync());
        var api = await manager.FindByNameAsync(OpenIdScopes.Api);
        Assert.NotNull(api);
        Assert.Contains(OpenIdScopes.ApiAudience, await manager.GetResourcesAsync(api));
    }
}
