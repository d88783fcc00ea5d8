namespace Platform.Contracts.Identity;

/// <summary>
/// The owner asked to move the account to <see cref="NewEmail"/>: a confirmation link goes to the new
/// address (<c>{public base}/api/identity/pages/confirm-email-change?token=…</c>) and a notice to the old one.
/// </summary>
public sealed record EmailChangeRequested(
    Guid UserId, string OldEmail, string NewEmail, string FirstName, string Token, DateTimeOffset ExpiresAt);
