namespace Platform.Notifications.Model;

/// <summary>
/// At most <see cref="Max"/> emails of one template to one recipient per <see cref="Window"/>
/// (<c>Email:RecipientLimits:{template}</c>). It stops a script from flooding someone's inbox through
/// "resend the verification email"; the extra ones are recorded as throttled, never sent. Throttled
/// ones do not count, so the limit frees up as the window moves on. <see cref="Max"/> 0 turns it off.
/// </summary>
public sealed class RecipientLimit
{
    public int Max { get; set; }
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    public bool IsActive => Max > 0 && Window > TimeSpan.Zero;

    /// <summary>Emails queued (not throttled) at or after this moment count against the limit.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now - Window;

    public bool Allows(int queuedInWindow) => !IsActive || queuedInWindow < Max;

    public string Describe(string template) =>
        $"Over the limit of {Max} {template} emails per recipient per {Window}; recorded, not sent.";
}
