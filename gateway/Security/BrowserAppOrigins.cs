using System.Net.Http.Headers;
using Platform.Gateway.Tokens;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Security;

/// <summary>
/// The origins browser apps (public OpenID clients) run on, read from identity and kept for <see cref="RefreshAfter"/>.
/// An origin not in the set (an app registered a moment ago) refetches it, at most once per <see cref="UnknownOriginCooldown"/>,
/// so made-up origins cannot turn every request into a call to identity. While identity cannot answer, the last set stays.
/// </summary>
public sealed class BrowserAppOrigins(IHttpClientFactory clients, InternalTokenIssuer issuer, TimeProvider time, ILogger<BrowserAppOrigins> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan UnknownOriginCooldown = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim fetching = new(1, 1);
    private HashSet<string> origins = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset fetchedAt = DateTimeOffset.MinValue;

    public async Task<bool> IsAllowedAsync(string origin, CancellationToken cancellationToken)
    {
        if (IsFresh() && origins.Contains(origin)) return true;
        await fetching.WaitAsync(cancellationToken);
        try
        {
            var age = time.GetUtcNow() - fetchedAt;
            if (age >= RefreshAfter || (!origins.Contains(origin) && age >= UnknownOriginCooldown)) await RefreshAsync(cancellationToken);
            return origins.Contains(origin);
        }
        finally
        {
            fetching.Release();
        }
    }

    private bool IsFresh() => time.GetUtcNow() - fetchedAt < RefreshAfter;

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/internal/openid/browser-origins");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(InternalIdentity.Gateway));
            using var response = await clients.CreateClient(ApiTokenResolver.IdentityClient).SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<Answer>(cancellationToken);
            origins = new HashSet<string>(answer?.Origins ?? [], StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Could not read the browser apps' origins from identity; keeping the {Count} known", origins.Count);
        }

        fetchedAt = time.GetUtcNow();
    }

    private sealed record Answer(IReadOnlyList<string>? Origins);
}
