using System.Security.Claims;

namespace Platform.ServiceDefaults.Authentication;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id; endpoints behind the fallback policy always have one.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(InternalClaims.Subject), out var id)
            ? id
            : throw new InvalidOperationException("The caller has no user id; is the endpoint anonymous?");

    /// <summary>
    /// Whether the request may act in <paramref name="organizationId"/>: always, unless it comes with a user's access token
    /// from another organization's client app (<see cref="InternalClaims.ClientOrganization"/>).
    /// </summary>
    public static bool MayActIn(this ClaimsPrincipal principal, Guid organizationId) =>
        principal.ClientOrganizationId() is not { } bound || bound == organizationId;

    /// <summary>The one organization an organization's client app acts in for the user (lists show only it), or null.</summary>
    public static Guid? ClientOrganizationId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(InternalClaims.ClientOrganization), out var id) ? id : null;

    /// <summary>
    /// A client app acting for the user with the user's OpenID access token: the gateway names the client (client_id)
    /// but, unlike for an API token, grants no scope; the user's own session names no client at all.
    /// </summary>
    public static bool IsClientAppActingForUser(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(InternalClaims.ClientId) is { } clientId
        && clientId != InternalIdentity.GatewayClientId
        && principal.FindFirst(InternalClaims.Scope) is null;
}
