namespace Platform.Membership.Model.JoinRequests;

/// <summary>
/// A person's request to join an organization that approvals has not concluded: at most one per person and
/// organization (a unique index), so two asks racing each other file one approval request. The row is written
/// before approvals is asked (<see cref="RequestId"/> still null) and removed when approvals refuses to file it,
/// or when the request is decided, expires or is cancelled (approvals' events).
/// </summary>
public sealed class PendingJoinRequest
{
    /// <summary>
    /// How long filing may take before a claim without a request is taken to be abandoned (the process filing
    /// it died): well beyond the HTTP client's total timeout towards approvals.
    /// </summary>
    public static readonly TimeSpan FilingTimeout = TimeSpan.FromMinutes(2);
    /// <summary>As approvals accepts it.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    /// <summary>Approvals' request, once filed; null while it is being filed.</summary>
    public Guid? RequestId { get; private set; }
    /// <summary>The asker's Idempotency-Key, so their retry of the same ask gets approvals' first answer again rather than a 409.</summary>
    public string? IdempotencyKey { get; private set; }
    public DateTimeOffset ClaimedAt { get; private set; }

    private PendingJoinRequest() { }

    public static PendingJoinRequest Claim(Guid organizationId, Guid userId, string? idempotencyKey, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        UserId = userId,
        IdempotencyKey = idempotencyKey,
        ClaimedAt = now,
    };

    /// <summary>The same ask again, with the same Idempotency-Key: approvals answers it as it did the first time.</summary>
    public bool IsRetryOf(string? idempotencyKey) => idempotencyKey is not null && IdempotencyKey == idempotencyKey;

    /// <summary>Claimed so long ago without a request that whoever claimed it is gone; another ask may take it over.</summary>
    public bool IsAbandonedAt(DateTimeOffset now) => RequestId is null && now - ClaimedAt > FilingTimeout;

    /// <summary>Why another ask is refused while this one stands.</summary>
    public string Refusal(string organizationName) => RequestId is { } id
        ? $"You have asked to join {organizationName} already, and that request ({id}) is still pending; follow it, or cancel it to ask again."
        : $"Your request to join {organizationName} is being filed at this moment; look for it among your approval requests.";
}
