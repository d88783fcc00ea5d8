namespace Platform.Contracts.Identity;

/// <summary>
/// A verification link must go to <see cref="Email"/>. <see cref="Token"/> is the secret for the link
/// (identity stores only its hash); the link is <c>{public base}/api/identity/pages/verify-email?token=…</c>.
/// <see cref="Locale"/> is the language the person chose (en, de) or null: it travels with the request because
/// the first email after a sign-up can be written before the directory has learnt the new account.
/// </summary>
public sealed record EmailVerificationRequested(Guid UserId, string Email, string FirstName, string Token, DateTimeOffset ExpiresAt, string? Locale = null);
