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
    bool PasswordChangeRequired = false)
{
    /// <summary>The earlier of the idle and the absolute expiry.</summary>
    public DateTimeOffset ExpiresAt =>
        LastSeenAt + IdleTimeout < AbsoluteExpiresAt ? LastSeenAt + IdleTimeout : AbsoluteExpiresAt;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}
