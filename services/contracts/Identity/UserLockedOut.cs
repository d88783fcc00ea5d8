namespace Platform.Contracts.Identity;

/// <summary>Too many failed logins: locked until <see cref="LockedUntil"/>, or until an administrator unlocks it when null.</summary>
public sealed record UserLockedOut(Guid UserId, string Email, DateTimeOffset LockedAt, DateTimeOffset? LockedUntil);
