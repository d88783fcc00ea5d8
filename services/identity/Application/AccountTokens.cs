using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;

namespace Platform.Identity.Application;

/// <summary>Issues link secrets (voiding the user's earlier ones for that purpose) and finds them by their hash.</summary>
public sealed class AccountTokens(IdentityDbContext db, TimeProvider time)
{
    public async Task<(AccountToken Token, string Secret)> IssueAsync(Guid userId, TokenPurpose purpose, TimeSpan lifetime, string? newEmail = null)
    {
        var now = time.GetUtcNow();
        var earlier = await db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null).ToListAsync();
        earlier.ForEach(t => t.Void(now));
        var issued = AccountToken.Issue(userId, purpose, lifetime, now, newEmail);
        db.AccountTokens.Add(issued.Token);
        return issued;
    }

    /// <summary>
    /// The first token of an account created in this unit of work: there is nothing earlier to void, and
    /// skipping that query keeps a sign-up as fast as one for a taken address.
    /// </summary>
    public (AccountToken Token, string Secret) IssueFirst(Guid userId, TokenPurpose purpose, TimeSpan lifetime)
    {
        var issued = AccountToken.Issue(userId, purpose, lifetime, time.GetUtcNow());
        db.AccountTokens.Add(issued.Token);
        return issued;
    }

    /// <summary>The usable token for this secret and purpose, used up; null for unknown, used, voided or expired.</summary>
    public async Task<AccountToken?> RedeemAsync(string? secret, TokenPurpose purpose)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 100) return null;
        var hash = AccountToken.Hash(secret.Trim());
        var token = await db.AccountTokens.SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose);
        return token is not null && token.TryUse(time.GetUtcNow()) ? token : null;
    }

    public Task<DateTimeOffset?> LastIssuedAsync(Guid userId, TokenPurpose purpose) =>
        db.AccountTokens.Where(t => t.UserId == userId && t.Purpose == purpose)
            .OrderByDescending(t => t.CreatedAt).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefaultAsync();
}
