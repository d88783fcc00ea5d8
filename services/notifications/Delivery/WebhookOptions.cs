using Platform.Notifications.Model;

namespace Platform.Notifications.Delivery;

/// <summary>Section <c>Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";
    public const string HttpClientName = "webhooks";

    /// <summary>Webhook deliveries in flight at once (each endpoint gets one at a time).</summary>
    public int Concurrency { get; set; } = 4;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>A receiver answers within this, or the attempt failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// The wait after a first failure, doubling with each further one up to <see cref="MaxRetryDelay"/>:
    /// with the defaults, ten consecutive failures span about a day (3 min … 12 h).
    /// </summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(3);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(12);
    /// <summary>Consecutive failed attempts after which the endpoint is disabled.</summary>
    public int DisableAfterConsecutiveFailures { get; set; } = 10;
    /// <summary>Attempts after which one delivery is given up.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>How long a rotated-out secret keeps signing next to the new one.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);
    /// <summary>Who hears about a disabled endpoint besides the organization's owner and admins; nobody else when empty.</summary>
    public string? OperatorEmail { get; set; }
    /// <summary>Allow plain http URLs; honoured in Development only.</summary>
    public bool AllowInsecureHttp { get; set; }
    /// <summary>Allow loopback, private, link-local and unique-local addresses (development, tests).</summary>
    public bool AllowPrivateAddresses { get; set; }

    public WebhookRetryPolicy RetryPolicy => new(FirstRetryDelay, MaxRetryDelay, DisableAfterConsecutiveFailures, MaxAttempts);
}
