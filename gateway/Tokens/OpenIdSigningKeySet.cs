using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Tokens;

/// <summary>
/// The OpenID provider's public signing keys, read from identity's JWKS and kept for <see cref="RefreshAfter"/>.
/// A token signed with a key not in the set (a rollover just began) refetches it, at most once per
/// <see cref="UnknownKeyCooldown"/>, so made-up <c>kid</c>s cannot turn every request into a call to identity.
/// </summary>
public sealed class OpenIdSigningKeySet(IHttpClientFactory clients, InternalTokenIssuer issuer, TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan UnknownKeyCooldown = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim fetching = new(1, 1);
    private IReadOnlyList<SecurityKey> keys = [];
    private DateTimeOffset fetchedAt = DateTimeOffset.MinValue;

    /// <summary>The keys to check a token signed with <paramref name="keyId"/> against.</summary>
    public async Task<IReadOnlyList<SecurityKey>> KeysForAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (IsCurrent(keyId)) return keys;
        await fetching.WaitAsync(cancellationToken);
        try
        {
            if (!IsCurrent(keyId) && time.GetUtcNow() - fetchedAt >= (keys.Count == 0 ? TimeSpan.Zero : UnknownKeyCooldown))
            {
                keys = await FetchAsync(cancellationToken);
                fetchedAt = time.GetUtcNow();
            }

            return keys;
        }
        finally
        {
            fetching.Release();
        }
    }

    private bool IsCurrent(string? keyId) =>
        keys.Count > 0 && time.GetUtcNow() - fetchedAt < RefreshAfter && (keyId is null || keys.Any(k => k.KeyId == keyId));

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/jwks");
        // Identity's OpenID endpoints answer only what the gateway forwarded.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.IssueAnonymous());
        using var response = await clients.CreateClient(ApiTokenResolver.IdentityClient).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken)).GetSigningKeys().ToList();
    }
}
