using System.Security.Claims;
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
    private AnonymousToken? anonymous;

    public InternalTokenIssuer(IOptions<InternalTokenOptions> options, TimeProvider time)
    {
        this.options = options.Value;
        this.time = time;
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
        if (anonymous is { } current && now - current.IssuedAt < options.Lifetime / 2) return current.Token;
        var fresh = new AnonymousToken(Create([]), now);
        anonymous = fresh;
        return fresh.Token;
    }

    private sealed record AnonymousToken(string Token, DateTimeOffset IssuedAt);

    public string Issue(InternalIdentity identity)
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
        if (identity.ImpersonatorId is { } actor)
        {
            claims[InternalClaims.Actor] = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["sub"] = actor.ToString() });
        }

        return Create(claims);
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
