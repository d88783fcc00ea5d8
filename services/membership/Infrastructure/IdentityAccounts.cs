using System.Net;
using System.Net.Http.Headers;
using Polly;
using Platform.ServiceDefaults.Resilience;

namespace Platform.Membership.Infrastructure;

/// <summary>
/// Identity asked now, through service discovery (<c>http://identity</c>), for the caller's own account:
/// for answers that must not wait for membership's directory copy to catch up with identity's events.
/// The caller's internal token is forwarded, so identity answers exactly what it would answer them.
/// </summary>
public sealed class IdentityAccounts(HttpClient http)
{
    public const string BaseAddress = "http://identity";

    /// <summary>The caller's account, or null when identity does not know them (or refuses their token for it).</summary>
    /// <exception cref="ServiceUnavailableException">Identity did not answer: the request answers 503.</exception>
    public async Task<CallerAccount?> CallerAsync(AuthenticationHeaderValue authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Authorization = authorization;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) return null;
            if (!response.IsSuccessStatusCode) throw new ServiceUnavailableException("identity", new HttpRequestException($"GET /account answered {(int)response.StatusCode}"));
            return await response.Content.ReadFromJsonAsync<CallerAccount>(cancellationToken);
        }
        // Refused connections, the resilience handler's timeouts and open circuit, and a reply cut short.
        catch (Exception exception) when (exception is HttpRequestException or ExecutionRejectedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceUnavailableException("identity", exception);
        }
    }
}

/// <summary>What membership reads of identity's <c>GET /account</c> answer.</summary>
public sealed record CallerAccount(Guid Id, string Email, bool EmailVerified);
