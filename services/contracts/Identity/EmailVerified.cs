namespace Platform.Contracts.Identity;

public sealed record EmailVerified(Guid UserId, string Email, DateTimeOffset VerifiedAt);
