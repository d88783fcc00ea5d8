using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Identity.Application;

public abstract record LoginResult
{
    public sealed record Succeeded(User User, string SessionId, SessionRecord Session) : LoginResult;
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
    IdentityDbContext db, PasswordHasher hasher, SessionStore sessions, AccountChanges changes, AuditTrail audit,
    IEventOutbox outbox, IOptions<AccountOptions> options, TimeProvider time)
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

        user.RecordSuccessfulLogin(now);
        if (hasher.NeedsRehash(user.PasswordHash!))
        {
            user.UpgradePasswordHash(hasher.Hash(password!));
            audit.Record(AuditActions.PasswordRehashed, user.Id, user.Id);
        }

        var mustChange = user.MustChangePassword || user.PasswordExpired(now, options.Value.MaxPasswordAge);
        var (sessionId, session) = await sessions.CreateAsync(user, userAgent, AuditTrail.ClientAddress(audit.HttpContext), mustChange);
        audit.Record(AuditActions.LoggedIn, user.Id, user.Id);
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
