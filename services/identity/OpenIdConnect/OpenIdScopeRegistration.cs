using OpenIddict.Abstractions;
using Platform.ServiceDefaults.Resilience;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// Makes sure the API scope exists and names its audience, so access tokens for it carry <c>aud</c>. Replicas
/// start together and the database may be away: a replica that loses the race to create the scope finds it on
/// its next look, and an unreachable database is tried again later; neither stops the service.
/// </summary>
public sealed partial class OpenIdScopeRegistration(IServiceScopeFactory scopes, ILogger<OpenIdScopeRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureApiScopeAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotYet(exception, backoff.Current.TotalSeconds);
                await Task.Delay(backoff.Current, stoppingToken);
                backoff.Failed();
            }
        }
    }

    private async Task EnsureApiScopeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        if (await manager.FindByNameAsync(OpenIdScopes.Api, cancellationToken) is not null) return;
        var descriptor = new OpenIddictScopeDescriptor { Name = OpenIdScopes.Api, DisplayName = "The platform's APIs" };
        descriptor.Resources.Add(OpenIdScopes.ApiAudience);
        await manager.CreateAsync(descriptor, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The OpenID API scope is not registered yet; trying again in {Seconds} s.")]
    private partial void LogNotYet(Exception exception, double seconds);
}
