using Microsoft.AspNetCore;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// The token endpoint, after OpenIddict has authenticated the client and validated the grant (code with its PKCE
/// verifier, or a refresh token not used before). Code and refresh grants re-read the account, so a suspended or
/// locked one gets no new tokens; client credentials speak for the client app itself.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> Exchange(
        HttpContext context, IOpenIddictApplicationManager applications, IOpenIddictScopeManager scopes, OpenIdClaims claims, AuditTrail audit,
        IdentityDbContext db, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not see this token request.");
        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict accepted an unknown client.");

        if (request.IsClientCredentialsGrantType())
        {
            var client = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            client.SetClaim(Claims.Subject, request.ClientId).SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, cancellationToken));
            client.SetScopes(request.GetScopes());
            var resources = new List<string>();
            await foreach (var resource in scopes.ListResourcesAsync(client.GetScopes(), cancellationToken)) resources.Add(resource);
            client.SetResources(resources);
            client.SetDestinations(_ => [Destinations.AccessToken]);
            audit.Record(AuditActions.OpenIdTokenIssued, null, null, $"client {request.ClientId} client_credentials scopes {request.Scope}");
            await db.SaveChangesAsync(cancellationToken);
            return OpenIdResults.SignIn(client);
        }

        var granted = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal
            ?? throw new InvalidOperationException("OpenIddict validated a grant without a principal.");
        var userId = Guid.Parse(granted.GetClaim(Claims.Subject)!);
        var organizationId = OpenIdClients.OrganizationOf(await applications.GetPropertiesAsync(application, cancellationToken));
        var identity = await claims.ForUserAsync(userId, granted.GetScopes(), organizationId, OpenIdClaims.FactsOf(granted), granted, cancellationToken);
        if (identity is null)
        {
            return OpenIdResults.Refuse(Errors.InvalidGrant, "The account can no longer log in (suspended, locked or deleted).");
        }

        if (organizationId is { } organization && !await applications.HasConsentTypeAsync(application, ConsentTypes.Explicit, cancellationToken)
            && !await claims.MaySignInSilentlyAsync(userId, organization, cancellationToken))
        {
            return OpenIdResults.Refuse(Errors.InvalidGrant, "The user is no longer a member of the app's organization.");
        }

        audit.Record(AuditActions.OpenIdTokenIssued, userId, userId, $"client {request.ClientId} {request.GrantType}");
        await db.SaveChangesAsync(cancellationToken);
        return OpenIdResults.SignIn(identity);
    }
}
