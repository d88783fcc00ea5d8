namespace Platform.Contracts.Identity;

/// <summary>The password changed (by its owner, by a reset link, or set by an administrator); the owner is told.</summary>
public sealed record PasswordChanged(Guid UserId, string Email, string FirstName, DateTimeOffset ChangedAt, string How);
