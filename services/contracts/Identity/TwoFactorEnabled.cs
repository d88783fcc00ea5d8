namespace Platform.Contracts.Identity;

/// <summary>The user turned on two-factor login (TOTP); the owner may be told.</summary>
public sealed record TwoFactorEnabled(Guid UserId, string Email, string FirstName, DateTimeOffset EnabledAt);
