namespace Platform.ServiceDefaults.Authentication;

/// <summary>Claim names in the internal token (JWT registered names where one exists).</summary>
public static class InternalClaims
{
    public const string Subject = "sub";
    public const string SessionId = "sid";
    /// <summary>RFC 8693 actor: the administrator acting as <see cref="Subject"/>.</summary>
    public const string Actor = "act";
    public const string ActiveOrganization = "org";
    public const string PlatformAdmin = "platform_admin";
    /// <summary>Space-separated permission keys; present only on requests made with an API token.</summary>
    public const string Scope = "scope";
    /// <summary>The API token (personal) or client app a request comes from, or <see cref="InternalIdentity.GatewayClientId"/>.</summary>
    public const string ClientId = "client_id";
    /// <summary>
    /// The organization of the OpenID client app a user's access token was issued to: the request acts for the user in
    /// that organization only (<see cref="ClientOrganizationBoundary"/>). Absent for sessions and platform-wide clients.
    /// </summary>
    public const string ClientOrganization = "client_org";
}
