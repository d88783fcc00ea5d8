namespace Platform.Contracts.Identity;

/// <summary>The user turned off two-factor login; their other sessions were ended. The owner may be told.</summary>
public sealed record TwoFactorDisabled(Guid UserId, string Email, string FirstName, DateTimeOffset DisabledAt);
