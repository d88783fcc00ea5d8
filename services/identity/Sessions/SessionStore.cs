using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Redis;
using Platform.ServiceDefaults.Sessions;
using StackExchange.Redis;

namespace Platform.Identity.Sessions;

/// <summary>
/// Browser sessions in Redis: <c>session:{handle}</c> holds the record with the session's own expiry,
/// <c>user-sessions:{user}</c> lists a user's handles so they can be listed and ended together.
/// The session id (the cookie) is never stored; its SHA-256 handle is.
/// </summary>
public sealed class SessionStore(PlatformRedis redis, IOptions<BrowserSessionOptions> options, TimeProvider time)
{
    private IDatabase Db => redis.Database;

    public async Task<(string SessionId, SessionRecord Record)> CreateAsync(
        User user, string? userAgent, string? clientAddress, bool passwordChangeRequired, bool twoFactorEnrolmentRequired = false)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var sessionId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var handle = SessionKeys.Handle(sessionId);
        var record = new SessionRecord(
            user.Id, now, now, now + settings.AbsoluteLifetime, settings.IdleTimeout,
            PlatformAdmin: user.IsPlatformAdmin,
            UserAgent: Truncate(userAgent, 300),
            ClientAddress: clientAddress,
            PasswordChangeRequired: passwordChangeRequired,
            TwoFactorEnrolmentRequired: twoFactorEnrolmentRequired);

        var userSessions = SessionKeys.UserSessions(user.Id);
        var batch = Db.CreateBatch();
        var writes = new Task[]
        {
            batch.StringSetAsync(SessionKeys.Session(handle), JsonSerializer.Serialize(record, JsonSerializerOptions.Web), record.ExpiresAt - now),
            batch.SetAddAsync(userSessions, handle),
            batch.KeyExpireAsync(userSessions, settings.AbsoluteLifetime, ExpireWhen.GreaterThanCurrentExpiry),
            batch.KeyExpireAsync(userSessions, settings.AbsoluteLifetime, ExpireWhen.HasNoExpiry),
        };
        batch.Execute();
        await Task.WhenAll(writes);
        return (sessionId, record);
    }

    /// <summary>
    /// A session of <paramref name="user"/> for an administrator acting as them, reached through the
    /// administrator's own session (which now points at it); never longer than <paramref name="lifetime"/>.
    /// </summary>
    public async Task<(string Handle, SessionRecord Record)?> StartImpersonationAsync(
        User user, Guid administratorId, string administratorHandle, TimeSpan lifetime, string? userAgent, string? clientAddress,
        Guid? organizationId = null)
    {
        var administrator = await GetAsync(administratorHandle);
        if (administrator is null) return null;
        if (administrator.ImpersonationHandle is { } earlier) await EndImpersonationAsync(earlier);

        var settings = options.Value;
        var now = time.GetUtcNow();
        var handle = SessionKeys.Handle(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var record = new SessionRecord(
            user.Id, now, now, now + (lifetime < settings.AbsoluteLifetime ? lifetime : settings.AbsoluteLifetime), settings.IdleTimeout,
            PlatformAdmin: user.IsPlatformAdmin,
            ActiveOrganizationId: organizationId,
            ImpersonatorId: administratorId,
            UserAgent: Truncate(userAgent, 300),
            ClientAddress: clientAddress,
            ImpersonatorSessionHandle: administratorHandle);
        var userSessions = SessionKeys.UserSessions(user.Id);
        await Db.StringSetAsync(SessionKeys.Session(handle), JsonSerializer.Serialize(record, JsonSerializerOptions.Web), record.ExpiresAt - now);
        await Db.SetAddAsync(userSessions, handle);
        await Db.KeyExpireAsync(userSessions, settings.AbsoluteLifetime, ExpireWhen.GreaterThanCurrentExpiry);
        await Db.KeyExpireAsync(userSessions, settings.AbsoluteLifetime, ExpireWhen.HasNoExpiry);
        await UpdateAsync(administratorHandle, r => r with { ImpersonationHandle = handle });
        return (handle, record);
    }

    /// <summary>Ends an impersonation session; the administrator's own session speaks for them again.</summary>
    public async Task<SessionRecord?> EndImpersonationAsync(string impersonationHandle)
    {
        var record = await GetAsync(impersonationHandle);
        if (record?.ImpersonatorSessionHandle is not { } administratorHandle) return null;
        await EndAsync(record.UserId, impersonationHandle);
        await UpdateAsync(administratorHandle, r => r.ImpersonationHandle == impersonationHandle ? r with { ImpersonationHandle = null } : r);
        return record;
    }

    public async Task<SessionRecord?> GetAsync(string handle)
    {
        var stored = await Db.StringGetAsync(SessionKeys.Session(handle));
        return stored.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SessionRecord>(stored.ToString(), JsonSerializerOptions.Web);
    }

    /// <summary>Two-factor is on now: none of the user's sessions is held to enrolment any more.</summary>
    public async Task ClearTwoFactorEnrolmentRequiredAsync(Guid userId)
    {
        foreach (var (handle, record) in await ListAsync(userId))
        {
            if (record.TwoFactorEnrolmentRequired) await UpdateAsync(handle, r => r with { TwoFactorEnrolmentRequired = false });
        }
    }

    /// <summary>The organization the session acts in (null: none); the caller checked the user's membership. Null when the session is gone.</summary>
    public Task<SessionRecord?> SetActiveOrganizationAsync(string handle, Guid? organizationId) =>
        UpdateAsync(handle, r => r with { ActiveOrganizationId = organizationId });

    /// <summary>Rewrites a live record, keeping its expiry; a session ended meanwhile stays ended. The record after the change, or null when gone.</summary>
    private async Task<SessionRecord?> UpdateAsync(string handle, Func<SessionRecord, SessionRecord> change)
    {
        if (await GetAsync(handle) is not { } record) return null;
        var now = time.GetUtcNow();
        if (record.IsExpired(now)) return null;
        var changed = change(record);
        if (changed == record) return record;
        var written = await Db.StringSetAsync(
            SessionKeys.Session(handle), JsonSerializer.Serialize(changed, JsonSerializerOptions.Web), changed.ExpiresAt - now, When.Exists);
        return written ? changed : null;
    }

    /// <summary>The user's live sessions, newest first; handles of expired ones are cleaned up on the way.</summary>
    public async Task<IReadOnlyList<(string Handle, SessionRecord Record)>> ListAsync(Guid userId)
    {
        var handles = (await Db.SetMembersAsync(SessionKeys.UserSessions(userId))).Select(h => h.ToString()).ToArray();
        if (handles.Length == 0) return [];

        var values = await Db.StringGetAsync(handles.Select(h => (RedisKey)SessionKeys.Session(h)).ToArray());
        var now = time.GetUtcNow();
        var live = new List<(string, SessionRecord)>();
        var stale = new List<RedisValue>();
        for (var i = 0; i < handles.Length; i++)
        {
            var record = values[i].IsNullOrEmpty ? null : JsonSerializer.Deserialize<SessionRecord>(values[i].ToString(), JsonSerializerOptions.Web);
            if (record is null || record.IsExpired(now)) stale.Add(handles[i]);
            else live.Add((handles[i], record));
        }

        if (stale.Count > 0) await Db.SetRemoveAsync(SessionKeys.UserSessions(userId), stale.ToArray());
        return live.OrderByDescending(s => s.Item2.CreatedAt).ToList();
    }

    /// <summary>Ends one of the user's sessions; false when it is not theirs or already gone.</summary>
    public async Task<bool> EndAsync(Guid userId, string handle)
    {
        if (!await Db.SetRemoveAsync(SessionKeys.UserSessions(userId), handle)) return false;
        await Db.KeyDeleteAsync(SessionKeys.Session(handle));
        return true;
    }

    /// <summary>Ends every session of the user, except <paramref name="keepHandle"/> when given.</summary>
    public async Task<int> EndAllAsync(Guid userId, string? keepHandle = null)
    {
        var handles = (await Db.SetMembersAsync(SessionKeys.UserSessions(userId))).Select(h => h.ToString()).Where(h => h != keepHandle).ToArray();
        if (handles.Length == 0) return 0;
        await Db.KeyDeleteAsync(handles.Select(h => (RedisKey)SessionKeys.Session(h)).ToArray());
        await Db.SetRemoveAsync(SessionKeys.UserSessions(userId), handles.Select(h => (RedisValue)h).ToArray());
        return handles.Length;
    }

    /// <summary>After the password changed, the kept session no longer needs to force a change.</summary>
    public async Task ClearPasswordChangeRequiredAsync(string handle)
    {
        var key = SessionKeys.Session(handle);
        var stored = await Db.StringGetAsync(key);
        if (stored.IsNullOrEmpty) return;
        var record = JsonSerializer.Deserialize<SessionRecord>(stored.ToString(), JsonSerializerOptions.Web)!;
        var now = time.GetUtcNow();
        await Db.StringSetAsync(key, JsonSerializer.Serialize(record with { PasswordChangeRequired = false }, JsonSerializerOptions.Web),
            record.ExpiresAt - now, When.Exists);
    }

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } && value.Length > length ? value[..length] : value;
}
