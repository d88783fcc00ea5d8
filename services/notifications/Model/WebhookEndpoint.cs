namespace Platform.Notifications.Model;

public enum WebhookEndpointState
{
    Active,
    /// <summary>Too many consecutive failures (or an administrator): nothing is sent until it is enabled again.</summary>
    Disabled,
}

/// <summary>
/// A URL of a client app that receives an organization's events, signed with its secret. Failing
/// attempts back the whole endpoint off (one attempt at a time while it fails, at growing intervals),
/// so <see cref="WebhookRetryPolicy.DisableAfter"/> consecutive failures span about a day however many
/// events are waiting; then the endpoint is disabled.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 2000;
    public const int MaxDescriptionLength = 500;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Url { get; private set; } = "";
    public string[] EventTypes { get; private set; } = [];
    public string Description { get; private set; } = "";
    /// <summary><c>whsec_…</c>; kept readable because every delivery is signed with it.</summary>
    public string Secret { get; private set; } = "";
    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; private set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }
    public WebhookEndpointState State { get; private set; }
    public int ConsecutiveFailures { get; private set; }
    /// <summary>While failing: no attempt to this endpoint before this moment.</summary>
    public DateTimeOffset? RetryAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LastSuccessAt { get; private set; }
    public DateTimeOffset? DisabledAt { get; private set; }
    public string? DisabledReason { get; private set; }

    private WebhookEndpoint() { }

    public static WebhookEndpoint Register(Guid organizationId, string url, IEnumerable<string> eventTypes, string? description, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        Url = url,
        EventTypes = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(),
        Description = description?.Trim() ?? "",
        Secret = WebhookSignature.NewSecret(),
        State = WebhookEndpointState.Active,
        CreatedAt = now,
    };

    /// <summary>The endpoint's settings, all of them (no description: none); the caller validated them.</summary>
    public void Replace(string url, IEnumerable<string> eventTypes, string? description)
    {
        Url = url;
        EventTypes = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Description = description?.Trim() ?? "";
    }

    public bool Wants(string eventType) => State == WebhookEndpointState.Active && EventTypes.Contains(eventType, StringComparer.Ordinal);

    /// <summary>
    /// A new secret; the old one keeps signing (a second signature in the header) for
    /// <paramref name="overlap"/>, so receivers can switch without dropping deliveries.
    /// </summary>
    public string RotateSecret(DateTimeOffset now, TimeSpan overlap)
    {
        PreviousSecret = overlap > TimeSpan.Zero ? Secret : null;
        PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null;
        Secret = WebhookSignature.NewSecret();
        return Secret;
    }

    public IReadOnlyList<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretExpiresAt > now ? [Secret, PreviousSecret] : [Secret];

    public void RecordSuccess(DateTimeOffset now)
    {
        ConsecutiveFailures = 0;
        RetryAt = null;
        LastSuccessAt = now;
    }

    /// <summary>True when this failure disabled the endpoint.</summary>
    public bool RecordFailure(string failure, DateTimeOffset now, WebhookRetryPolicy policy)
    {
        ConsecutiveFailures++;
        if (ConsecutiveFailures >= policy.DisableAfter)
        {
            Disable($"Disabled after {ConsecutiveFailures} consecutive failed deliveries; the last: {failure}", now);
            return true;
        }

        RetryAt = now + policy.DelayAfter(ConsecutiveFailures);
        return false;
    }

    public void Disable(string reason, DateTimeOffset now)
    {
        State = WebhookEndpointState.Disabled;
        DisabledAt = now;
        DisabledReason = reason.Length > 1000 ? reason[..1000] : reason;
        RetryAt = null;
    }

    /// <summary>An administrator fixed the receiver: deliveries start again with a clean slate.</summary>
    public void Enable()
    {
        State = WebhookEndpointState.Active;
        ConsecutiveFailures = 0;
        RetryAt = null;
        DisabledAt = null;
        DisabledReason = null;
    }
}

/// <param name="FirstDelay">The wait after the first failure; each further failure doubles it.</param>
/// <param name="MaxDelay">The longest wait between two attempts.</param>
/// <param name="DisableAfter">Consecutive failed attempts to one endpoint before it is disabled.</param>
/// <param name="MaxAttempts">Attempts for one delivery before it is given up (its endpoint may still work for others).</param>
public sealed record WebhookRetryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, int DisableAfter, int MaxAttempts)
{
    public TimeSpan DelayAfter(int failures) =>
        TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * Math.Pow(2, Math.Max(0, failures - 1))));
}
