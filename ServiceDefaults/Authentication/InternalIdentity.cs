namespace Platform.ServiceDefaults.Authentication;

/// <summary>Who a forwarded request acts for: what the gateway puts in the internal token.</summary>
/// <param name="ClientId">For a request made with an API token: the token (personal) or client app; for the gateway's own calls <see cref="GatewayClientId"/>.</param>
/// <param name="Scopes">For a request made with an API token: the permission keys it holds (services enforce them).</param>
/// <param name="ClientOrganizationId">For a user's OpenID access token from an organization's client app: that organization, the only one the request may act in.</param>
public sealed record InternalIdentity(
    Guid UserId,
    string? SessionId = null,
    Guid? ActiveOrganizationId = null,
    bool PlatformAdmin = false,
    Guid? ImpersonatorId = null,
    string? ClientId = null,
    IReadOnlyCollection<string>? Scopes = null,
    Guid? ClientOrganizationId = null)
{
    /// <summary>The <c>client_id</c> of the gateway calling a service for itself (token introspection).</summary>
    public const string GatewayClientId = "gateway";

    /// <summary>The subject of the gateway's own calls: not a user.</summary>
    public static readonly Guid GatewayServiceId = new("00000000-0000-7000-8000-00000000a7e1");

    /// <summary>The identity the gateway uses for its own calls to services.</summary>
    public static InternalIdentity Gateway { get; } = new(GatewayServiceId, ClientId: GatewayClientId);
}
