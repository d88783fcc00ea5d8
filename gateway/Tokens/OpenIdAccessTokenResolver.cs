using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.Gateway.Extensions;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.Tokens;

/// <summary>
/// Turns <c>Authorization: Bearer &lt;JWT&gt;</c>, an access token of the platform's OpenID provider, into the identity to
/// forward. The gateway checks what it can alone: the signature against the provider's published keys, the issuer
/// (its own public origin), the audience (<see cref="GatewayOptions.OpenIdAudience"/>), the type (<c>at+jwt</c>, so
/// an ID token is no access token) and the expiry. What only identity knows (the token or its family revoked, the
/// account suspended or locked) it asks, caching the answer for <see cref="ApiTokenResolver.CacheLifetime"/> like
/// for <c>plt_</c> tokens: a revocation takes effect within that second.
/// A user's token acts for the user as a session would, but never with platform-admin rights, with no active
/// organization, and (from an organization's client app) in that organization only; a client-credentials token acts
/// for the client app, with the permission keys its registration gives its service account.
/// </summary>
public sealed class OpenIdAccessTokenResolver(
    OpenIdSigningKeySet signingKeys, IHttpClientFactory clients, InternalTokenIssuer issuer, PlatformRedis redis, IOptions<GatewayOptions> options,
    TimeProvider time)
{
    public const string TokenIdClaim = "oi_tkn_id";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>The bearer JWT of a request, or null when it carries none (or a <c>plt_</c> token, or sends it to the OpenID endpoints themselves).</summary>
    public static string? BearerJwt(HttpRequest request) =>
        !IsOpenIdEndpoint(request.Path)
        && AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && header.Parameter is { } value && !value.StartsWith(ApiTokenResolver.SecretPrefix, StringComparison.Ordinal)
        && value.Count(c => c == '.') == 2
            ? value
            : null;

    // There the bearer is the client's business with the provider (userinfo), carried through untouched.
    private static bool IsOpenIdEndpoint(PathString path) => path.StartsWithSegments("/connect") || path.StartsWithSegments("/.well-known");

    /// <summary>The identity to forward, or null for a token that is forged, expired, for another audience or issuer, or no longer live.</summary>
    public async Task<InternalIdentity?> ResolveAsync(string jwt, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!handler.CanReadToken(jwt)) return null;
        var keyId = handler.ReadJsonWebToken(jwt).Kid;
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = Issuers(request),
            ValidAudience = options.Value.OpenIdAudience,
            ValidTypes = ["at+jwt"],
            IssuerSigningKeys = await signingKeys.KeysForAsync(keyId, cancellationToken),
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => IsLive(notBefore, expires),
            NameClaimType = "sub",
        };
        var validated = await handler.ValidateTokenAsync(jwt, parameters);
        if (!validated.IsValid || validated.ClaimsIdentity.FindFirst(TokenIdClaim)?.Value is not { } tokenId) return null;

        var status = await StatusAsync(tokenId, cancellationToken);
        return status switch
        {
            { Active: true, Kind: "user", Subject: { } user } => new InternalIdentity(user, ClientId: status.ClientId, ClientOrganizationId: status.OrganizationId),
            { Active: true, Kind: "client", Subject: { } app } =>
                new InternalIdentity(app, ActiveOrganizationId: status.OrganizationId, ClientId: status.ClientId, Scopes: status.Permissions ?? []),
            _ => null,
        };
    }

    private string[] Issuers(HttpRequest request)
    {
        var issuer = options.Value.OpenIdIssuer?.ToString() ?? $"{request.Scheme}://{request.Host}/";
        return [issuer, issuer.TrimEnd('/')];
    }

    private bool IsLive(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } end && now < end + ClockSkew && (notBefore is not { } start || now >= start - ClockSkew);
    }

    private async Task<Status> StatusAsync(string tokenId, CancellationToken cancellationToken)
    {
        var key = $"openid-access-token:{tokenId}";
        var cached = await redis.Database.StringGetAsync(key);
        if (!cached.IsNullOrEmpty) return JsonSerializer.Deserialize<Status>(cached.ToString(), JsonSerializerOptions.Web) ?? Status.Inactive;

        using var ask = new HttpRequestMessage(HttpMethod.Post, "/internal/openid/access-tokens/status") { Content = JsonContent.Create(new { tokenId }) };
        ask.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(InternalIdentity.Gateway));
        using var response = await clients.CreateClient(ApiTokenResolver.IdentityClient).SendAsync(ask, cancellationToken);
        response.EnsureSuccessStatusCode();
        var status = await response.Content.ReadFromJsonAsync<Status>(JsonSerializerOptions.Web, cancellationToken) ?? Status.Inactive;
        await redis.Database.StringSetAsync(key, JsonSerializer.Serialize(status, JsonSerializerOptions.Web), ApiTokenResolver.CacheLifetime);
        return status;
    }

    private sealed record Status(bool Active, Guid? Subject, string? Kind, string? ClientId, Guid? OrganizationId, IReadOnlyList<string>? Permissions = null)
    {
        public static Status Inactive { get; } = new(false, null, null, null, null);
    }
}
