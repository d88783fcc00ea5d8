namespace Platform.Contracts.Identity;

/// <summary>
/// Someone tried to sign up with an address that already has an account. Sign-up answers exactly as
/// for a new address; only the owner of the address learns of it, by email.
/// </summary>
public sealed record SignUpAttemptedForExistingAccount(Guid UserId, string Email, string FirstName, DateTimeOffset AttemptedAt);
