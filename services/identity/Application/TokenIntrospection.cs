using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;

namespace Platform.Identity.Application;

/// <summary>What the gateway learns about a bearer secret (RFC 7662 in spirit); inactive says nothing more.</summary>
public sealed record IntrospectionResult(
    bool Active, Guid? Subject = null, string? Kind = null, Guid? TokenId = null, Guid? OrganizationId = null,
    IReadOnlyList<string>? Scopes = null, DateTimeOffset? ExpiresAt = null)
{
    public static IntrospectionResult Inactive { get; } = new(false);
}

/// <summary>
/// Answers whether a <c>plt_</c> secret is live. A personal token also dies with its owner's ability
/// to log in (suspended, locked, archived, deleted): a token is never stronger than its user.
/// </summary>
public sealed class TokenIntrospection(IdentityDbContext db, TimeProvider time)
{
    public async Task<IntrospectionResult> IntrospectAsync(string? secret, CancellationToken cancellationToken)
    {
        if (!ApiToken.LooksLikeSecret(secret)) return IntrospectionResult.Inactive;
        var hash = ApiToken.Hash(secret!);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (token is null || !token.IsActive(now)) return IntrospectionResult.Inactive;

        Guid subject;
        if (token.Kind == ApiTokenKind.Personal)
        {
            var canLogIn = await db.Users.AnyAsync(u => u.Id == token.UserId && u.State == UserState.Active, cancellationToken);
            if (!canLogIn) return IntrospectionResult.Inactive;
            subject = token.UserId!.Value;
        }
        else
        {
            subject = token.ClientAppId!.Value;
        }

        if (token.RecordUse(now)) await db.SaveChangesAsync(cancellationToken);
        return new IntrospectionResult(true, subject, token.KindName, token.Id, token.OrganizationId, token.Scopes, token.ExpiresAt);
    }
}
