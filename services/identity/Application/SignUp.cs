using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Application;

/// <summary>
/// Sign-up and its verification email. Never reveals whether an address is registered: a taken
/// address gets the same answer, after the same work, and its owner gets an email instead.
/// </summary>
public sealed class SignUp(
    IdentityDbContext db, IEventOutbox outbox, AccountTokens tokens, AuditTrail audit, PasswordHasher hasher,
    IOptions<AccountOptions> options, TimeProvider time)
{
    public async Task RegisterAsync(Registration registration, CancellationToken cancellationToken)
    {
        var passwordHash = hasher.Hash(registration.Password);
        var existing = await db.Users.SingleOrDefaultAsync(u => u.Email == registration.Email, cancellationToken);
        if (existing is not null)
        {
            TellOwner(existing);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var user = User.Register(registration, passwordHash, time.GetUtcNow());
        db.Users.Add(user);
        outbox.Add(new UserRegistered(user.Id, user.Email, user.FirstName, user.LastName, user.CreatedAt, user.Language));
        RequestVerification(user, tokens.IssueFirst(user.Id, TokenPurpose.VerifyEmail, options.Value.VerificationLinkLifetime));
        audit.Record(AuditActions.SignedUp, user.Id, user.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent sign-up with the same email won; the caller answers as for a taken address.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Resends the link to a pending account, at most once per interval; silent otherwise.</summary>
    public async Task ResendVerificationAsync(string email, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized)) return;
        email = normalized;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is not { State: UserState.Pending } || user.PasswordHash is null) return;
        var last = await tokens.LastIssuedAsync(user.Id, TokenPurpose.VerifyEmail);
        if (last is { } issued && time.GetUtcNow() - issued < options.Value.VerificationResendInterval) return;

        RequestVerification(user, await tokens.IssueAsync(user.Id, TokenPurpose.VerifyEmail, options.Value.VerificationLinkLifetime));
        audit.Record(AuditActions.VerificationResent, user.Id, user.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void RequestVerification(User user, (AccountToken Token, string Secret) issued)
    {
        var (token, secret) = issued;
        outbox.Add(new EmailVerificationRequested(user.Id, user.Email, user.FirstName, secret, token.ExpiresAt, user.Language));
    }

    private void TellOwner(User existing)
    {
        if (existing.State is UserState.Deleted) return;
        outbox.Add(new SignUpAttemptedForExistingAccount(existing.Id, existing.Email, existing.FirstName, time.GetUtcNow()));
        audit.Record(AuditActions.SignUpForExistingEmail, null, existing.Id);
    }
}
