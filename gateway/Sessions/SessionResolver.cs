using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Redis;
using Platform.ServiceDefaults.Sessions;
using StackExchange.Redis;

namespace Platform.Gateway.Sessions;

/// <summary>
/// Turns a session cookie into the identity to forward, or null for an unknown, revoked or expired
/// session. Sliding the idle expiry writes Redis at most once per slide interval per session.
/// </summary>
public sealed class SessionResolver(PlatformRedis redis, IOptions<BrowserSessionOptions> options, TimeProvider time)
{
    public async Task<ResolvedSession?> ResolveAsync(string sessionId)
    {
        var handle = SessionKeys.Handle(sessionId);
        var now = time.GetUtcNow();
        if (await LoadAsync(handle, now) is not { } session)
        {
            return null;
        }

        // An administrator impersonating someone: the cookie is theirs, the identity forwarded is the
        // impersonation session's while it lives (and points back at this session); then theirs again.
        if (session.ImpersonationHandle is { } impersonationHandle
            && await LoadAsync(impersonationHandle, now) is { ImpersonatorSessionHandle: var back } impersonation
            && back == handle)
        {
            return new ResolvedSession(Identity(impersonationHandle, impersonation), impersonation.PasswordChangeRequired, impersonation.TwoFactorEnrolmentRequired);
        }

        return new ResolvedSession(Identity(handle, session), session.PasswordChangeRequired, session.TwoFactorEnrolmentRequired);
    }

    private static InternalIdentity Identity(string handle, SessionRecord session) =>
        new(session.UserId, handle, session.ActiveOrganizationId, session.PlatformAdmin, session.ImpersonatorId);

    /// <summary>The live record under <paramref name="handle"/>, its idle expiry slid when due.</summary>
    private async Task<SessionRecord?> LoadAsync(string handle, DateTimeOffset now)
    {
        var key = SessionKeys.Session(handle);
        var stored = await redis.Database.StringGetAsync(key);
        if (stored.IsNullOrEmpty)
        {
            return null;
        }

        var session = JsonSerializer.Deserialize<SessionRecord>(stored.ToString(), JsonSerializerOptions.Web);
        if (session is null || session.IsExpired(now))
        {
            return null;
        }

        if (now - session.LastSeenAt >= options.Value.SlideInterval)
        {
            var slid = session with { LastSeenAt = now };
            // When.Exists: never resurrect a session that identity revoked a moment ago.
            await redis.Database.StringSetAsync(
                key, JsonSerializer.Serialize(slid, JsonSerializerOptions.Web), slid.ExpiresAt - now, When.Exists);
        }

        return session;
    }
}

/// <summary>A live session: who it is, and whether they must choose a new password or enrol in two-factor before anything else.</summary>
public sealed record ResolvedSession(InternalIdentity Identity, bool PasswordChangeRequired, bool TwoFactorEnrolmentRequired = false);
