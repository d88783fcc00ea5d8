namespace Platform.Identity.Model;

/// <summary>
/// Keycloak's brute-force model, on by default: after <see cref="MaxFailures"/> failures the account is
/// locked for <see cref="WaitIncrement"/> times (failures / MaxFailures), at most <see cref="MaxWait"/>;
/// failures are forgotten after <see cref="FailureResetTime"/> without one. With
/// <see cref="PermanentLockoutAfter"/> above zero, that many temporary lockouts make the next one permanent.
/// </summary>
public sealed record LockoutPolicy
{
    public int MaxFailures { get; init; } = 5;
    public TimeSpan WaitIncrement { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan FailureResetTime { get; init; } = TimeSpan.FromHours(12);
    public int PermanentLockoutAfter { get; init; }
}
