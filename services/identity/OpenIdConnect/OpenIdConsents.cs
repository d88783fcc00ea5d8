using System.Collections.Immutable;
using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>One app a user allowed to sign them in, as "My account" lists it.</summary>
public sealed record AppAuthorizationResponse(string Id, string ClientId, string? ClientName, IReadOnlyList<string> Scopes, DateTimeOffset? CreatedAt);

/// <summary>
/// A user's consent to a third-party client: an OpenIddict permanent authorization for the user, the client and the
/// scopes allowed. The tokens issued under it hang off it, so withdrawing the consent revokes them too.
/// </summary>
public sealed class OpenIdConsents(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens)
{
    /// <summary>The user's live consent to this client covering every one of <paramref name="scopes"/>, or null.</summary>
    public async Task<object?> FindAsync(Guid userId, string applicationId, ImmutableArray<string> scopes, CancellationToken cancellationToken)
    {
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId.ToString(), cancellationToken))
        {
            if (await authorizations.GetApplicationIdAsync(authorization, cancellationToken) == applicationId
                && await IsLiveConsentAsync(authorization, cancellationToken)
                && await authorizations.HasScopesAsync(authorization, scopes, cancellationToken))
            {
                return authorization;
            }
        }

        return null;
    }

    public async Task<object> GrantAsync(ClaimsIdentity identity, Guid userId, string applicationId, CancellationToken cancellationToken) =>
        await authorizations.CreateAsync(identity, userId.ToString(), applicationId, AuthorizationTypes.Permanent, identity.GetScopes(), cancellationToken);

    public async Task<List<AppAuthorizationResponse>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var list = new List<AppAuthorizationResponse>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId.ToString(), cancellationToken))
        {
            if (!await IsLiveConsentAsync(authorization, cancellationToken)
                || await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } applicationId
                || await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application)
            {
                continue;
            }

            list.Add(new AppAuthorizationResponse(
                (await authorizations.GetIdAsync(authorization, cancellationToken))!,
                (await applications.GetClientIdAsync(application, cancellationToken))!,
                await applications.GetDisplayNameAsync(application, cancellationToken),
                await authorizations.GetScopesAsync(authorization, cancellationToken),
                await authorizations.GetCreationDateAsync(authorization, cancellationToken)));
        }

        return list.OrderBy(a => a.CreatedAt).ToList();
    }

    /// <summary>Withdraws the user's consent and revokes every token issued under it; false when it is not the user's live consent.</summary>
    public async Task<AppAuthorizationResponse?> RevokeAsync(Guid userId, string id, CancellationToken cancellationToken)
    {
        var consent = (await ListAsync(userId, cancellationToken)).SingleOrDefault(a => a.Id == id);
        if (consent is null || await authorizations.FindByIdAsync(id, cancellationToken) is not { } authorization) return null;
        await authorizations.TryRevokeAsync(authorization, cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
        return consent;
    }

    private async Task<bool> IsLiveConsentAsync(object authorization, CancellationToken cancellationToken) =>
        await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken)
        && await authorizations.HasTypeAsync(authorization, AuthorizationTypes.Permanent, cancellationToken);
}
