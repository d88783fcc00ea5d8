using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Redis;

namespace Platform.Gateway.Tokens;

/// <summary>
/// Turns <c>Authorization: Bearer plt_…</c> into the identity to forward, asking identity and caching
/// its answer (live or not) in Redis for <see cref="CacheLifetime"/>: a revoked token stops working
/// within that time, and a burst of requests costs identity one question per token per second.
/// The cache key is the secret's SHA-256, so Redis never holds a usable token.
/// </summary>
public sealed class ApiTokenResolver(IHttpClientFactory clients, InternalTokenIssuer issuer, PlatformRedis redis)
{
    public const string SecretPrefix = "plt_";
    public const string IdentityClient = "identity";
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(1);

    /// <summary>The <c>plt_</c> secret of a bearer header, or null when the request carries none.</summary>
    public static string? BearerSecret(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && header.Parameter?.StartsWith(SecretPrefix, StringComparison.Ordinal) == true
            ? header.Parameter
            : null;

    /// <summary>The identity to forward, or null for an unknown, expired or revoked token.</summary>
    public async Task<InternalIdentity?> ResolveAsync(string secret, CancellationToken cancellationToken)
    {
        var key = $"token-introspection:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}";
        var cached = await redis.Database.StringGetAsync(key);
        Introspection? answer;
        if (cached.IsNullOrEmpty)
        {
            answer = await IntrospectAsync(secret, cancellationToken);
            await redis.Database.StringSetAsync(key, JsonSerializer.Serialize(answer, JsonSerializerOptions.Web), CacheLifetime);
        }
        else
        {
            answer = JsonSerializer.Deserialize<Introspection>(cached.ToString(), JsonSerializerOptions.Web);
        }

        if (answer is not { Active: true, Subject: { } subject, TokenId: { } tokenId }) return null;
        var personal = answer.Kind == "personal";
        return new InternalIdentity(
            subject,
            ActiveOrganizationId: personal ? null : answer.OrganizationId,
            ClientId: (personal ? tokenId : subject).ToString(),
            Scopes: answer.Scopes ?? []);
    }

    private async Task<Introspection> IntrospectAsync(string secret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/tokens/introspect")
        {
            Content = JsonContent.Create(new { token = secret }),
        };
        // The gateway's own identity: identity answers introspection for nobody else.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(InternalIdentity.Gateway));
        using var response = await clients.CreateClient(IdentityClient).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<Introspection>(JsonSerializerOptions.Web, cancellationToken)
            ?? new Introspection(false, null, null, null, null, null);
    }

    private sealed record Introspection(bool Active, Guid? Subject, string? Kind, Guid? TokenId, Guid? OrganizationId, IReadOnlyList<string>? Scopes);
}
