namespace Platform.Contracts.Identity;

/// <summary>An account was created by sign-up; it is pending until the email is verified.</summary>
public sealed record UserRegistered(
    Guid UserId,
    string Email,
    string FirstName,
    string LastName,
    DateTimeOffset RegisteredAt,
    string? Locale = null);
