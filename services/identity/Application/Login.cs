using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Identity.Application;

public abstract record LoginResult
{
    public sealed record Succeeded(User User, string SessionId, SessionRecord Session) : LoginResult;
    /// <summary>The right password for an account with two-factor: no session until the second step.</summary>
    public sealed record TwoFactorRequired(string Challenge) : LoginResult;
    /// <summary>The right password for an account that has not verified its email.</summary>
    public sealed record EmailNotVerified : LoginResult;
    /// <summary>Unknown email, wrong password, locked, suspended, archived: indistinguishable by design.</summary>
    public sealed record Refused : LoginResult;
}

/// <summary>
/// Logging in, Keycloak-style: a per-account failure counter with growing temporary lockouts. Every
/// refusal looks the same in status, body and work: a password hash is computed in every case.
/// </summary>
public sealed class Login(
    IdentityDbContext db, PasswordHasher hasher, SessionStore sessions, TwoFactorChallenges challenges, AccountChanges changes, AuditTrail audit,
    OrganizationMemberships memberships, TotpSecretProtection protection, IEventOutbox outbox, IOptions<AccountOptions> options, TimeProvider time)
{
    public async Task<LoginResult> LogInAsync(string? email, string? password, string? userAgent, CancellationToken cancellationToken)
    {
        EmailAddress.TryNormalize(email, out var normalized);
        var user = normalized.Length == 0 ? null : await db.Users.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        var now = time.GetUtcNow();

        if (user?.UnlockIfExpired(now) is { } unlocked) changes.Record(user, unlocked, "temporary lockout expired", null);
        var passwordMatches = hasher.Verify(password ?? "", user?.PasswordHash);

        if (user is null)
        {
            return new LoginResult.Refused();
        }

        if (!passwordMatches || !(user.CanLogIn || user.State == UserState.Pending))
        {
            RecordFailure(user, now);
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult.Refused();
        }

        if (user.State == UserState.Pending)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult.EmailNotVerified();
        }

        if (hasher.NeedsRehash(user.PasswordHash!))
        {
            user.UpgradePasswordHash(hasher.Hash(password!));
            audit.Record(AuditActions.PasswordRehashed, user.Id, user.Id);
        }

        if (user.TwoFactorEnabled)
        {
            // The failure counter is not reset here: a known password must not buy fresh guesses at the code.
            var challenge = await challenges.CreateAsync(user.Id);
            audit.Record(AuditActions.TwoFactorRequested, user.Id, user.Id);
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult.TwoFactorRequired(challenge);
        }

        return await StartSessionAsync(user, userAgent, null, cancellationToken);
    }

    /// <summary>
    /// The second step: a TOTP code (each time step once per user) or an unused recovery code. A wrong
    /// one counts toward the lockout like a wrong password; the challenge survives a few typos.
    /// </summary>
    public async Task<LoginResult> CompleteTwoFactorAsync(
        string? challenge, string? code, string? recoveryCode, string? userAgent, CancellationToken cancellationToken)
    {
        if (await challenges.FindAsync(challenge) is not { } userId) return new LoginResult.Refused();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var now = time.GetUtcNow();
        if (user?.UnlockIfExpired(now) is { } unlocked) changes.Record(user, unlocked, "temporary lockout expired", null);
        if (user is null || !user.CanLogIn || !user.TwoFactorEnabled)
        {
            await challenges.EndAsync(challenge!);
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult.Refused();
        }

        var method = recoveryCode is not null ? "recovery code" : "authenticator code";
        var accepted = recoveryCode is not null
            ? await UseRecoveryCodeAsync(user, recoveryCode, now, cancellationToken)
            : await UseTotpCodeAsync(user, code, now, cancellationToken);
        if (!accepted)
        {
            audit.Record(AuditActions.TwoFactorFailed, null, user.Id, method);
            RecordFailure(user, now);
            await db.SaveChangesAsync(cancellationToken);
            if (user.State == UserState.Locked) await challenges.EndAsync(challenge!);
            else await challenges.RecordFailureAsync(challenge!);
            return new LoginResult.Refused();
        }

        if (!await challenges.EndAsync(challenge!)) return new LoginResult.Refused(); // a concurrent request used it
        if (recoveryCode is not null) audit.Record(AuditActions.RecoveryCodeUsed, user.Id, user.Id);
        return await StartSessionAsync(user, userAgent, method, cancellationToken);
    }

    private async Task<bool> UseTotpCodeAsync(User user, string? code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var secret = protection.Reveal(user.TwoFactorSecret!);
        if (TotpCode.MatchingStep(secret, code, now) is not { } step) return false;
        // A secret stored before encryption at rest is encrypted at its first use since.
        if (!TotpSecretProtection.IsProtected(user.TwoFactorSecret!)) user.ReplaceStoredTwoFactorSecret(protection.Protect(secret));
        // Atomic: of two requests with the same code, one moves the last step forward, the other finds it used.
        return await db.Users.Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.LastTotpStep, step), cancellationToken) == 1;
    }

    private async Task<bool> UseRecoveryCodeAsync(User user, string typed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (typed.Length > 40) return false;
        var hash = RecoveryCode.Hash(typed);
        return await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken) == 1;
    }

    /// <summary>A session for a user who proved who they are (<paramref name="method"/> names how, beyond the password).</summary>
    public async Task<LoginResult.Succeeded> StartSessionAsync(User user, string? userAgent, string? method, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        user.RecordSuccessfulLogin(now);
        var mustChange = user.MustChangePassword || user.PasswordExpired(now, options.Value.MaxPasswordAge);
        // An organization that requires two-factor sends its members without it to enrolment first.
        var mustEnrol = !user.TwoFactorEnabled && await memberships.TwoFactorRequiredAsync(user.Id, cancellationToken);
        var (sessionId, session) = await sessions.CreateAsync(user, userAgent, audit.HttpContext.ClientAddress(), mustChange, mustEnrol);
        audit.Record(AuditActions.LoggedIn, user.Id, user.Id, method is null ? null : $"with {method}");
        outbox.Add(new UserLoggedIn(user.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        return new LoginResult.Succeeded(user, sessionId, session);
    }

    private void RecordFailure(User user, DateTimeOffset now)
    {
        audit.Record(AuditActions.LoginFailed, null, user.Id, $"state {User.Name(user.State)}");
        if (user.RecordFailedLogin(now, options.Value.Lockout) is not { } lockout) return;

        changes.Record(user, lockout, "too many failed logins", null);
        audit.Record(AuditActions.LockedOut, null, user.Id, user.LockedUntil is { } until ? $"until {until:O}" : "until unlocked");
        outbox.Add(new UserLockedOut(user.Id, user.Email, now, user.LockedUntil));
    }
}
