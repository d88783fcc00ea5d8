using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>The userinfo endpoint: the claims the access token's scopes cover, read afresh.</summary>
public static class UserInfoEndpoint
{
    public static async Task<IResult> UserInfo(HttpContext context, IOpenIddictApplicationManager applications, OpenIdClaims claims, CancellationToken cancellationToken)
    {
        var token = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (token?.GetClaim(Claims.Subject) is not { } subject || !Guid.TryParse(subject, out var userId) || token.GetPresenters().FirstOrDefault() is not { } clientId)
        {
            return OpenIdResults.Challenge(Errors.InvalidToken, "The access token does not speak for a user.");
        }

        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        var organizationId = application is null ? null : OpenIdClients.OrganizationOf(await applications.GetPropertiesAsync(application, cancellationToken));
        var identity = await claims.ForUserAsync(userId, token.GetScopes(), organizationId, OpenIdClaims.FactsOf(token), null, cancellationToken);
        if (identity is null) return OpenIdResults.Challenge(Errors.InvalidToken, "The account can no longer log in.");

        var answer = new Dictionary<string, object?> { [Claims.Subject] = subject };
        foreach (var claim in identity.Claims.Where(c => c.Type != Claims.Subject && OpenIdClaims.Destinations(c).Contains(Destinations.IdentityToken)
            && c.Type is not (Claims.AuthenticationTime or Claims.AuthenticationMethodReference or Claims.AuthenticationContextReference)))
        {
            answer[claim.Type] = claim.ValueType switch
            {
                "JSON_ARRAY" => System.Text.Json.JsonDocument.Parse(claim.Value).RootElement,
                ClaimValueTypes.Boolean => bool.Parse(claim.Value),
                _ => claim.Value,
            };
        }

        return TypedResults.Ok(answer);
    }
}
