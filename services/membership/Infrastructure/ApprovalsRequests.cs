using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Platform.ServiceDefaults.Resilience;

namespace Platform.Membership.Infrastructure;

/// <summary>
/// The approvals service asked now, through service discovery (<c>http://approvals</c>), to file a request
/// to join in the caller's name. The caller's internal token is forwarded, so approvals applies exactly the
/// rules it applies when they ask it themselves (their scopes, the organization's policy).
/// </summary>
public sealed class ApprovalsRequests(HttpClient http)
{
    public const string BaseAddress = "http://approvals";
    public const string JoinType = "membership.join";

    /// <summary>Approvals' answer as it gave it: its status and its JSON body (the request, or a problem).</summary>
    /// <exception cref="ServiceUnavailableException">Approvals did not answer, or does not know the organization yet: the request answers 503.</exception>
    public async Task<(HttpStatusCode Status, JsonElement Body)> SubmitJoinAsync(
        AuthenticationHeaderValue authorization, Guid organizationId, JoinDraft draft, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/organizations/{organizationId}/requests")
        {
            Content = JsonContent.Create(new
            {
                type = JoinType,
                title = draft.Title,
                summary = draft.Message,
                subject = new { externalId = draft.ExternalId },
            }),
        };
        request.Headers.Authorization = authorization;
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            // Approvals learns of organizations from membership's events: a moment after one is created it may not know it yet.
            if (response.StatusCode is HttpStatusCode.NotFound || (int)response.StatusCode >= 500)
                throw new ServiceUnavailableException("approvals", new HttpRequestException($"POST requests answered {(int)response.StatusCode}"));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return (response.StatusCode, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or ExecutionRejectedException or JsonException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ServiceUnavailableException("approvals", exception);
        }
    }
}

/// <summary>What membership asks approvals for on the caller's behalf: <see cref="ExternalId"/> names the caller and the units.</summary>
public sealed record JoinDraft(string Title, string? Message, string ExternalId);
