using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Platform.Contracts.Identity;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Application;

public abstract record InvitationLinkState
{
    /// <summary>The link can set this account's first password.</summary>
    public sealed record Usable(User User) : InvitationLinkState;
    /// <summary>Signed up but never verified: the link proves the address, and a POST verifies it.</summary>
    public sealed record Unverified(User User) : InvitationLinkState;
    /// <summary>The account has a password already: log in, then accept.</summary>
    public sealed record PasswordAlreadySet : InvitationLinkState;
    /// <summary>Unknown, replaced by a resend, expired or used.</summary>
    public sealed record Invalid : InvitationLinkState;
}

public abstract record InvitationVerificationResult
{
    public sealed record Verified : InvitationVerificationResult;
    public sealed record PasswordAlreadySet : InvitationVerificationResult;
    public sealed record Invalid : InvitationVerificationResult;
}

public abstract record InvitationSignUpResult
{
    public sealed record Done(LoginResult.Succeeded Login) : InvitationSignUpResult;
    public sealed record PasswordAlreadySet : InvitationSignUpResult;
    public sealed record Invalid : InvitationSignUpResult;
    public sealed record Unacceptable(string Problem) : InvitationSignUpResult;
}

/// <summary>
/// The first password of an invited person, chosen from the invitation link. The link proves the
/// address, so the account is verified and active at once, and its owner is logged in.
/// </summary>
public sealed class InvitationSignUp(
    IdentityDbContext db, Login login, AccountChanges changes, PasswordHasher hasher, PasswordRules rules,
    IEventOutbox outbox, AuditTrail audit, IOptions<AccountOptions> options, TimeProvider time)
{
    /// <summary>
    /// What the link can do now; reading it never uses it up. The email and this link come from one
    /// InvitationCreated that notifications and identity take in independently, so a link followed at
    /// once can arrive before its invitation: an unknown link is looked for again for a few seconds
    /// (<see cref="AccountOptions.InvitationArrivalWait"/>) before the page calls it invalid.
    /// </summary>
    public async Task<InvitationLinkState> InspectAsync(string? secret, CancellationToken cancellationToken)
    {
        var (link, state) = await FindAsync(secret, cancellationToken);
        var started = time.GetTimestamp();
        while (link is null && HashOf(secret) is not null && time.GetElapsedTime(started) < options.Value.InvitationArrivalWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            (link, state) = await FindAsync(secret, cancellationToken);
        }

        return state;
    }

    public async Task<InvitationSignUpResult> SetPasswordAsync(string? secret, string? password, string? userAgent, CancellationToken cancellationToken)
    {
        if (await LockAccountAsync(secret, cancellationToken) is not { } transaction) return new InvitationSignUpResult.Invalid();
        await using var _ = transaction;

        var (link, state) = await FindAsync(secret, cancellationToken);
        if (state is InvitationLinkState.PasswordAlreadySet) return new InvitationSignUpResult.PasswordAlreadySet();
        if (state is not InvitationLinkState.Usable(var user)) return new InvitationSignUpResult.Invalid();
        if (rules.Check(password, new PasswordContext(user.Email, user.FirstName, user.LastName)) is { } problem)
        {
            return new InvitationSignUpResult.Unacceptable(problem);
        }

        var now = time.GetUtcNow();
        if (!link!.TryUse(now)) return new InvitationSignUpResult.Invalid();
        var change = user.ActivateFromInvitation(hasher.Hash(password!), now);
        if (!change.Succeeded) return new InvitationSignUpResult.PasswordAlreadySet();

        // What a sign-up's verification says (EmailVerifiedConsumer and UserStateChangedConsumer elsewhere).
        changes.Record(user, change, "password set from invitation link", user.Id);
        audit.Record(AuditActions.PasswordSetFromInvitation, user.Id, user.Id, $"invitation {link.InvitationId}");
        outbox.Add(new EmailVerified(user.Id, user.Email, now));
        // The session's SaveChanges writes the account, the link's use and the events; they commit together.
        var session = await login.StartSessionAsync(user, userAgent, "invitation link", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvitationSignUpResult.Done(session);
    }

    /// <summary>Verifies the address of an account that signed up but never verified, using the link up; the person then logs in.</summary>
    public async Task<InvitationVerificationResult> VerifyAsync(string? secret, CancellationToken cancellationToken)
    {
        if (await LockAccountAsync(secret, cancellationToken) is not { } transaction) return new InvitationVerificationResult.Invalid();
        await using var _ = transaction;
        var (link, state) = await FindAsync(secret, cancellationToken);
        if (state is InvitationLinkState.PasswordAlreadySet) return new InvitationVerificationResult.PasswordAlreadySet();
        if (state is not InvitationLinkState.Unverified(var user)) return new InvitationVerificationResult.Invalid();

        var now = time.GetUtcNow();
        if (!link!.TryUse(now)) return new InvitationVerificationResult.Invalid();
        var change = user.VerifyEmail(now);
        if (!change.Succeeded) return new InvitationVerificationResult.PasswordAlreadySet();
        // What the verification link does (EmailVerification), so every copy of the account learns it.
        changes.Record(user, change, "email verified from invitation link", user.Id);
        audit.Record(AuditActions.EmailVerified, user.Id, user.Id, $"invitation {link.InvitationId}");
        outbox.Add(new EmailVerified(user.Id, user.Email, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvitationVerificationResult.Verified();
    }

    /// <summary>
    /// One request per account at a time: the same link twice, or two invitations' links at once, must
    /// not both act. The row lock holds until the returned transaction ends; null for an unknown link.
    /// </summary>
    private async Task<IDbContextTransaction?> LockAccountAsync(string? secret, CancellationToken cancellationToken)
    {
        if (HashOf(secret) is not { } hash) return null;
        var userId = await db.InvitationLinks.Where(l => l.TokenHash == hash).Select(l => (Guid?)l.UserId).SingleOrDefaultAsync(cancellationToken);
        if (userId is null) return null;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Users" WHERE "Id" = {userId} FOR UPDATE""", cancellationToken);
        return transaction;
    }

    private async Task<(InvitationLink? Link, InvitationLinkState State)> FindAsync(string? secret, CancellationToken cancellationToken)
    {
        if (HashOf(secret) is not { } hash) return (null, new InvitationLinkState.Invalid());
        var link = await db.InvitationLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var user = link is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == link.UserId, cancellationToken);
        if (link is null || user is null) return (link, new InvitationLinkState.Invalid());
        // Pending with a password: signed up but never verified. The invitation reached the mailbox, which
        // proves it as the verification email would have, so a usable link verifies the address.
        if (user.PasswordHash is not null && user.State == UserState.Pending && link.IsUsable(time.GetUtcNow())) return (link, new InvitationLinkState.Unverified(user));
        // An account in use is told to log in, even with a spent link: the acceptance is membership's and still ahead.
        if (user.PasswordHash is not null && user.State is UserState.Active or UserState.Locked or UserState.Pending) return (link, new InvitationLinkState.PasswordAlreadySet());
        if (!user.AwaitsFirstPassword || !link.IsUsable(time.GetUtcNow())) return (link, new InvitationLinkState.Invalid());
        return (link, new InvitationLinkState.Usable(user));
    }

    private static string? HashOf(string? secret) =>
        string.IsNullOrWhiteSpace(secret) || secret.Length > 200 ? null : AccountToken.Hash(secret.Trim());
}
