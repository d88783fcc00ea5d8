namespace Platform.ServiceDefaults.Sessions;

/// <summary>
/// A browser session as stored in Redis: identity writes it at login, the gateway reads it on every
/// request and slides <see cref="LastSeenAt"/>. The record never holds the session id itself.
/// </summary>
public sealed record SessionRecord(
    Guid UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset AbsoluteExpiresAt,
    TimeSpan IdleTimeout,
    Guid? ActiveOrganizationId = null,
    bool PlatformAdmin = false,
    Guid? ImpersonatorId = null,
    string? UserAgent = null,
    string? ClientAddress = null,
    bool PasswordChangeRequired = false,
    string? ImpersonatorSessionHandle = null,
    string? ImpersonationHandle = null,
    bool TwoFactorEnrolmentRequired = false)
{
    // Impersonation: the administrator's browser keeps its own cookie. Its record points through
    // ImpersonationHandle at a session of the impersonated user (ImpersonatorId set, time-limited), whose
    // ImpersonatorSessionHandle points back; the gateway follows the pointer while both are live, and the
    // cookie speaks for the administrator again as soon as the impersonation ends or expires.

    // TwoFactorEnrolmentRequired: an organization of the user requires two-factor and they have none;
    // like PasswordChangeRequired, the gateway lets such a session do little else until they enrol.

    /// <summary>The earlier of the idle and the absolute expiry.</summary>
    public DateTimeOffset ExpiresAt =>
        LastSeenAt + IdleTimeout < AbsoluteExpiresAt ? LastSeenAt + IdleTimeout : AbsoluteExpiresAt;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}
