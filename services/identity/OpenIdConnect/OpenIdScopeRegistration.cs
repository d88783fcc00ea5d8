using OpenIddict.Abstractions;

namespace Platform.Identity.OpenIdConnect;

/// <summary>Makes sure the API scope exists and names its audience, so access tokens for it carry <c>aud</c>.</summary>
public sealed class OpenIdScopeRegistration(IServiceScopeFactory scopes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        if (await manager.FindByNameAsync(OpenIdScopes.Api, stoppingToken) is not null) return;
        var descriptor = new OpenIddictScopeDescriptor { Name = OpenIdScopes.Api, DisplayName = "The platform's APIs" };
        descriptor.Resources.Add(OpenIdScopes.ApiAudience);
        await manager.CreateAsync(descriptor, stoppingToken);
    }
}
