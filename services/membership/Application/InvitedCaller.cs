using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Membership.Application;

/// <summary>
/// Whether the caller is the person an invitation was sent to. Membership's directory copy answers once
/// it holds the account's verified address; until then (the account not copied yet, or copied before its
/// address was verified) identity is asked now, because someone arriving from identity's set-password
/// page is often ahead of the events that feed the copy.
/// </summary>
public sealed class InvitedCaller(MembershipDbContext db, IdentityAccounts identity)
{
    /// <exception cref="Platform.ServiceDefaults.Resilience.ServiceUnavailableException">Identity had to be asked and did not answer.</exception>
    public async Task<bool> IsInviteeAsync(HttpContext context, string invitedEmail, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        var copy = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { Email = u.Email.ToLower(), u.EmailVerified }).SingleOrDefaultAsync(cancellationToken);
        if (copy is { EmailVerified: true, Email.Length: > 0 }) return copy.Email == invitedEmail;

        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var authorization)) return false;
        var account = await identity.CallerAsync(authorization, cancellationToken);
        return account is not null && account.Id == userId && account.Email.ToLowerInvariant() == invitedEmail;
    }
}
