using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>The gateway's question about an access token it has verified (signature, issuer, audience, expiry): is it still live?</summary>
public sealed record AccessTokenStatusRequest(string? TokenId);

/// <summary>
/// The answer. <paramref name="Kind"/> is <c>user</c> (the subject is an account) or <c>client</c> (client credentials:
/// the subject is the client app, holding <paramref name="Permissions"/>); inactive says nothing more.
/// </summary>
public sealed record AccessTokenStatusResult(
    bool Active, Guid? Subject = null, string? Kind = null, string? ClientId = null, Guid? OrganizationId = null, IReadOnlyList<string>? Permissions = null)
{
    public const string User = "user";
    public const string Client = "client";
    public static AccessTokenStatusResult Inactive { get; } = new(false);
}

/// <summary>
/// Whether an access token's entry (<c>oi_tkn_id</c>) is still valid: not revoked by itself, with its authorization
/// (a reused code or refresh token revokes the whole family), and issued to an account that can still log in
/// (suspended, locked, archived or deleted accounts' tokens stop, like their <c>plt_</c> tokens).
/// </summary>
public sealed class AccessTokenStatus(
    IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications, IdentityDbContext db)
{
    public async Task<AccessTokenStatusResult> CheckAsync(string? tokenId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tokenId) || await tokens.FindByIdAsync(tokenId, cancellationToken) is not { } token
            || !await tokens.HasStatusAsync(token, Statuses.Valid, cancellationToken))
        {
            return AccessTokenStatusResult.Inactive;
        }

        if (await tokens.GetAuthorizationIdAsync(token, cancellationToken) is { } authorizationId
            && (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is not { } authorization
                || !await authorizations.HasStatusAsync(authorization, Statuses.Valid, cancellationToken)))
        {
            return AccessTokenStatusResult.Inactive;
        }

        if (await tokens.GetApplicationIdAsync(token, cancellationToken) is not { } applicationId
            || await applications.FindByIdAsync(applicationId, cancellationToken) is not { } application
            || await applications.GetClientIdAsync(application, cancellationToken) is not { } clientId)
        {
            return AccessTokenStatusResult.Inactive;
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        var organizationId = OpenIdClients.OrganizationOf(properties);
        var subject = await tokens.GetSubjectAsync(token, cancellationToken);
        if (subject == clientId && Guid.TryParse(clientId, out var clientAppId))
        {
            return new AccessTokenStatusResult(true, clientAppId, AccessTokenStatusResult.Client, clientId, organizationId,
                OpenIdClients.ServiceAccountPermissionsOf(properties));
        }

        if (!Guid.TryParse(subject, out var userId)
            || !await db.Users.AnyAsync(u => u.Id == userId && u.State == UserState.Active, cancellationToken))
        {
            return AccessTokenStatusResult.Inactive;
        }

        return new AccessTokenStatusResult(true, userId, AccessTokenStatusResult.User, clientId, organizationId);
    }
}
