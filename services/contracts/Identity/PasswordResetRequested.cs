namespace Platform.Contracts.Identity;

/// <summary>
/// A reset link must go to <see cref="Email"/>: <c>{public base}/api/identity/pages/reset-password?token=…</c>.
/// Also used for an account an administrator created, whose owner sets a first password
/// (<see cref="AccountSetup"/> true).
/// </summary>
public sealed record PasswordResetRequested(
    Guid UserId, string Email, string FirstName, string Token, DateTimeOffset ExpiresAt, bool AccountSetup = false);
