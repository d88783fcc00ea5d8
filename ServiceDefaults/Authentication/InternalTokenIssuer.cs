using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>Mints internal tokens; only the gateway (and tests standing in for it) hold the signing key.</summary>
public sealed class InternalTokenIssuer
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly SigningCredentials credentials;
    private readonly InternalTokenOptions options;
    private readonly TimeProvider time;
    private const int MostRemembered = 10_000;
    private readonly BoundedCache<InternalIdentity, IssuedToken> bySession;
    private IssuedToken? anonymous;

    public InternalTokenIssuer(IOptions<InternalTokenOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
        bySession = new(MostRemembered, token => !IsFresh(token, time.GetUtcNow()));
        if (string.IsNullOrWhiteSpace(this.options.SigningKey))
        {
            throw new InvalidOperationException($"{InternalTokenOptions.SectionName}:SigningKey is not configured (a PKCS#8 PEM EC P-256 private key).");
        }

        var key = ECDsa.Create();
        key.ImportFromPem(this.options.SigningKey);
        credentials = new SigningCredentials(new ECDsaSecurityKey(key), SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>
    /// A token that vouches for no one: the gateway forwarded the request, nothing more. Services accept
    /// it only where an endpoint allows anonymous callers, and refuse any request that has no token at all.
    /// </summary>
    public string IssueAnonymous()
    {
        // Every anonymous token says the same thing, so one is signed per half lifetime, not per request:
        // public routes (sign-up, login, pages behind emailed links) then cost no signature each.
        var now = time.GetUtcNow();
        if (anonymous is { } current && IsFresh(current, now)) return current.Token;
        var fresh = new IssuedToken(Create([]), now);
        anonymous = fresh;
        return fresh.Token;
    }

    /// <summary>
    /// The token for <paramref name="identity"/>. A session's token is reused for half its lifetime: the
    /// gateway resolves the session on every request before forwarding, so a revoked session gets no token,
    /// and a change of what the token says (active organization, impersonation) is another identity and
    /// another token. API tokens' scopes come as a new collection per request and are signed each time.
    /// </summary>
    public string Issue(InternalIdentity identity)
    {
        if (identity.Scopes is not null) return Create(Claims(identity));
        var now = time.GetUtcNow();
        if (bySession.TryGet(identity, out var issued) && IsFresh(issued, now)) return issued.Token;
        var fresh = new IssuedToken(Create(Claims(identity)), now);
        bySession.Remember(identity, fresh);
        return fresh.Token;
    }

    private bool IsFresh(IssuedToken token, DateTimeOffset now) => now - token.IssuedAt < options.Lifetime / 2;

    private sealed record IssuedToken(string Token, DateTimeOffset IssuedAt);

    private static Dictionary<string, object> Claims(InternalIdentity identity)
    {
        var claims = new Dictionary<string, object>
        {
            [InternalClaims.Subject] = identity.UserId.ToString(),
        };
        if (identity.SessionId is not null) claims[InternalClaims.SessionId] = identity.SessionId;
        if (identity.ActiveOrganizationId is { } org) claims[InternalClaims.ActiveOrganization] = org.ToString();
        if (identity.PlatformAdmin) claims[InternalClaims.PlatformAdmin] = true;
        if (identity.ClientId is not null) claims[InternalClaims.ClientId] = identity.ClientId;
        if (identity.Scopes is not null) claims[InternalClaims.Scope] = string.Join(' ', identity.Scopes);
        if (identity.ClientOrganizationId is { } clientOrganization) claims[InternalClaims.ClientOrganization] = clientOrganization.ToString();
        if (identity.ImpersonatorId is { } actor)
        {
            claims[InternalClaims.Actor] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["sub"] = actor.ToString() });
        }

        return claims;
    }

    private string Create(Dictionary<string, object> claims)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Lifetime,
            Claims = claims,
            SigningCredentials = credentials,
        });
    }
}
