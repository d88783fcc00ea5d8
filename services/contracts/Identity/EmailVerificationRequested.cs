namespace Platform.Contracts.Identity;

/// <summary>
/// A verification link must go to <see cref="Email"/>. <see cref="Token"/> is the secret for the link
/// (identity stores only its hash); the link is <c>{public base}/api/identity/pages/verify-email?token=…</c>.
/// </summary>
public sealed record EmailVerificationRequested(Guid UserId, string Email, string FirstName, string Token, DateTimeOffset ExpiresAt);
