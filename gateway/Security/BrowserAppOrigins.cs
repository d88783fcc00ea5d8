using System.Net.Http.Headers;
using Platform.Gateway.Tokens;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Security;

/// <summary>
/// The origins browser apps (public OpenID clients) run on, read from identity and kept for <see cref="RefreshAfter"/>.
/// An origin not in the set (an app registered a moment ago) refetches it, at most once per <see cref="UnknownOriginCooldown"/>,
/// so made-up origins cannot turn every request into a call to identity, and no request waits behind another's refresh.
/// While identity cannot answer, the last set stays.
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
        var age = time.GetUtcNow() - fetchedAt;
        if (origins.Contains(origin) && age < RefreshAfter) return true;
        // One refresh at a time; whoever finds one under way answers from the set as it is rather than queue behind it.
        if (age < UnknownOriginCooldown || !await fetching.WaitAsync(0, cancellationToken)) return origins.Contains(origin);
        try
        {
            if (time.GetUtcNow() - fetchedAt >= UnknownOriginCooldown) await RefreshAsync();
            return origins.Contains(origin);
        }
        finally
        {
            fetching.Release();
        }
    }

    // Not the request's token: a client that gives up must not cut the refresh short and skip the cooldown.
    private async Task RefreshAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/internal/openid/browser-origins");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(InternalIdentity.Gateway));
            using var response = await clients.CreateClient(ApiTokenResolver.IdentityClient).SendAsync(request, timeout.Token);
            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<Answer>(timeout.Token);
            origins = new HashSet<string>(answer?.Origins ?? [], StringComparer.OrdinalIgnoreCase);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning(exception, "Could not read the browser apps' origins from identity; keeping the {Count} known", origins.Count);
        }
        finally
        {
            fetchedAt = time.GetUtcNow();
        }
    }

    private sealed record Answer(IReadOnlyList<string>? Origins);
}
