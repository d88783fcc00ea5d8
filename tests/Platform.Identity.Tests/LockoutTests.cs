using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class LockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = new()
    {
        MaxFailures = 3, WaitIncrement = TimeSpan.FromMinutes(1), MaxWait = TimeSpan.FromMinutes(2), FailureResetTime = TimeSpan.FromHours(1),
    };

    [Fact]
    public void The_account_locks_at_the_maximum_failures_and_unlocks_when_the_wait_is_over()
    {
        var user = UserStateMachineTests.UserIn(UserState.Active);

        Assert.Null(user.RecordFailedLogin(Now, Policy));
        Assert.Null(user.RecordFailedLogin(Now, Policy));
        var lockout = user.RecordFailedLogin(Now, Policy);

        Assert.Equal(UserState.Locked, lockout?.To);
        Assert.Equal(Now.AddMinutes(1), user.LockedUntil);
        Assert.Null(user.UnlockIfExpired(Now.AddSeconds(59)));
        Assert.Equal(UserState.Active, user.UnlockIfExpired(Now.AddMinutes(1))?.To);
    }

    [Fact]
    public void Each_further_lockout_waits_longer_up_to_the_maximum()
    {
        // Keycloak's formula: wait = increment × (failures / max failures), capped. Failures keep
        // counting across lockouts, so once locked, every further failure locks again.
        var user = UserStateMachineTests.UserIn(UserState.Active);
        var time = Now;
        var waits = new List<TimeSpan>();
        for (var round = 0; round < 5; round++)
        {
            while (user.State == UserState.Active) user.RecordFailedLogin(time, Policy);
            waits.Add(user.LockedUntil!.Value - time);
            time = user.LockedUntil.Value;
            user.UnlockIfExpired(time);
        }

        var minute = TimeSpan.FromMinutes(1);
        Assert.Equal([minute, minute, minute, 2 * minute, 2 * minute], waits); // failures 3, 4, 5, 6, 7 with max 2 min
    }

    [Fact]
    public void Failures_are_forgotten_after_the_reset_time()
    {
        var user = UserStateMachineTests.UserIn(UserState.Active);
        user.RecordFailedLogin(Now, Policy);
        user.RecordFailedLogin(Now, Policy);

        Assert.Null(user.RecordFailedLogin(Now.AddHours(2), Policy));
        Assert.Equal(1, user.FailedLoginCount);
    }

    [Fact]
    public void A_successful_login_resets_the_counter()
    {
        var user = UserStateMachineTests.UserIn(UserState.Active);
        user.RecordFailedLogin(Now, Policy);
        user.RecordFailedLogin(Now, Policy);
        user.RecordSuccessfulLogin(Now);

        Assert.Null(user.RecordFailedLogin(Now, Policy));
        Assert.Equal(UserState.Active, user.State);
    }

    [Fact]
    public void After_the_configured_temporary_lockouts_the_next_one_is_permanent()
    {
        var policy = Policy with { PermanentLockoutAfter = 1 };
        var user = UserStateMachineTests.UserIn(UserState.Active);
        for (var i = 0; i < 3; i++) user.RecordFailedLogin(Now, policy);
        user.UnlockIfExpired(user.LockedUntil!.Value);

        user.RecordFailedLogin(Now.AddMinutes(5), policy);

        Assert.Equal(UserState.Locked, user.State);
        Assert.Null(user.LockedUntil);
        Assert.Null(user.UnlockIfExpired(Now.AddYears(1)));
        Assert.True(user.Unlock().Succeeded);
    }
}
