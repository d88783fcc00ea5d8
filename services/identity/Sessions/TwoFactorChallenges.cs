using System.Security.Cryptography;
using Platform.ServiceDefaults.Redis;
using Platform.ServiceDefaults.Sessions;
using StackExchange.Redis;

namespace Platform.Identity.Sessions;

/// <summary>
/// The step between a correct password and the second factor: <c>two-factor:{handle}</c> in Redis,
/// five minutes, a few attempts, used once. Like sessions, only the challenge's SHA-256 is stored.
/// </summary>
public sealed class TwoFactorChallenges(PlatformRedis redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 5;

    private IDatabase Db => redis.Database;

    public async Task<string> CreateAsync(Guid userId)
    {
        var challenge = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await Db.HashSetAsync(Key(challenge), [new HashEntry("user", userId.ToString()), new HashEntry("attempts", 0)]);
        await Db.KeyExpireAsync(Key(challenge), Lifetime);
        return challenge;
    }

    /// <summary>The user the pending login is for, or null when the challenge is unknown, expired or used.</summary>
    public async Task<Guid?> FindAsync(string? challenge)
    {
        if (string.IsNullOrEmpty(challenge) || challenge.Length > 100) return null;
        var user = await Db.HashGetAsync(Key(challenge), "user");
        return Guid.TryParse(user.ToString(), out var id) ? id : null;
    }

    /// <summary>Counts a wrong code; the challenge is gone after <see cref="MaxAttempts"/>.</summary>
    public async Task RecordFailureAsync(string challenge)
    {
        if (await Db.HashIncrementAsync(Key(challenge), "attempts") >= MaxAttempts) await EndAsync(challenge);
    }

    /// <summary>Uses the challenge up; true only for the one caller that did (single use under concurrency).</summary>
    public Task<bool> EndAsync(string challenge) => Db.KeyDeleteAsync(Key(challenge));

    private static string Key(string challenge) => $"two-factor:{SessionKeys.Handle(challenge)}";
}
