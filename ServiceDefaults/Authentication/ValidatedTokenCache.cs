using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// Remembers internal tokens whose signature checked out, by their exact text, so the next request with the same token
/// skips the ECDSA verification (the gateway reuses a session's token for half its lifetime: most requests carry one
/// seen before; API tokens' are signed per request and not kept). Issuer, audience and lifetime are still checked on every request by the handler; a token that differs
/// in one character is another key and is verified in full. Bounded: expired entries go first, then all.
/// </summary>
public sealed class ValidatedTokenCache(TimeProvider time)
{
    public const int MostRemembered = 10_000;
    private readonly BoundedCache<string, JsonWebToken> validated =
        new(MostRemembered, token => token.ValidTo <= time.GetUtcNow().UtcDateTime, StringComparer.Ordinal);
    private readonly JsonWebTokenHandler handler = new();

    /// <summary>A <see cref="TokenValidationParameters.SignatureValidator"/>: the token with its signature checked, or an exception.</summary>
    public SecurityToken Validate(string token, TokenValidationParameters parameters)
    {
        if (validated.TryGet(token, out var known)) return known;

        var full = parameters.Clone();
        full.SignatureValidator = null;
        var result = handler.ValidateTokenAsync(token, full).GetAwaiter().GetResult();
        if (!result.IsValid || result.SecurityToken is not JsonWebToken checkedToken)
        {
            throw result.Exception as SecurityTokenException ?? new SecurityTokenInvalidSignatureException("The internal token's signature is not valid.");
        }

        // Tokens carrying API-token scopes are signed afresh for every request: remembering them would only push out the rest.
        if (checkedToken.TryGetPayloadValue<string>(InternalClaims.Scope, out _)) return checkedToken;
        validated.Remember(token, checkedToken);
        return checkedToken;
    }
}
