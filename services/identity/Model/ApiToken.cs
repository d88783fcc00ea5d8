using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Identity.Model;

public enum ApiTokenKind
{
    /// <summary>Issued to an organization's registered client app; the client app is the subject.</summary>
    ClientApp,
    /// <summary>A user's own token; the user is the subject, limited to the token's scopes.</summary>
    Personal,
}

/// <summary>
/// A credential for a program behind the gateway: <c>plt_</c> and 256 bits from a CSPRNG, shown once,
/// stored as its SHA-256 (a high-entropy secret needs no slow hash), named, scoped, expiring, revocable.
/// </summary>
public sealed partial class ApiToken
{
    public const string SecretPrefix = "plt_";
    public const int MaxNameLength = 100;
    public const int MaxScopes = 50;
    public const int MaxScopeLength = 64;
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);
    /// <summary>Last use is written at most this often per token, not on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public ApiTokenKind Kind { get; private set; }
    public Guid? UserId { get; private set; }
    public Guid? OrganizationId { get; private set; }
    public Guid? ClientAppId { get; private set; }
    public List<string> Scopes { get; private set; } = [];
    public string TokenHash { get; private set; } = "";
    /// <summary>The secret's first characters, for its owner to recognize it in a list.</summary>
    public string Prefix { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }

    private ApiToken() { }

    public static (ApiToken Token, string Secret) IssuePersonal(Guid userId, ApiTokenSpec spec, DateTimeOffset now) =>
        Issue(spec, now, token =>
        {
            token.Kind = ApiTokenKind.Personal;
            token.UserId = userId;
        });

    public static (ApiToken Token, string Secret) IssueForClientApp(ClientApp app, ApiTokenSpec spec, DateTimeOffset now) =>
        Issue(spec, now, token =>
        {
            token.Kind = ApiTokenKind.ClientApp;
            token.OrganizationId = app.OrganizationId;
            token.ClientAppId = app.Id;
        });

    private static (ApiToken, string) Issue(ApiTokenSpec spec, DateTimeOffset now, Action<ApiToken> owner)
    {
        var random = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var secret = SecretPrefix + random;
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            Name = spec.Name,
            Scopes = [.. spec.Scopes],
            TokenHash = Hash(secret),
            Prefix = secret[..(SecretPrefix.Length + 8)],
            CreatedAt = now,
            ExpiresAt = spec.ExpiresAt,
        };
        owner(token);
        return (token, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether a string could be one of our secrets at all (cheap check before any lookup).</summary>
    public static bool LooksLikeSecret(string? value) =>
        value is { Length: > 4 and <= 100 } && value.StartsWith(SecretPrefix, StringComparison.Ordinal);

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    /// <summary>Records a use; true when that changed <see cref="LastUsedAt"/> (at most once per <see cref="LastUsedResolution"/>).</summary>
    public bool RecordUse(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now - last < LastUsedResolution) return false;
        LastUsedAt = now;
        return true;
    }

    public string KindName => Kind == ApiTokenKind.ClientApp ? "client-app" : "personal";

    /// <summary>A permission key: lowercase words joined by dots, e.g. <c>members.read</c>.</summary>
    public static bool IsValidScope(string? scope) => scope is { Length: > 0 and <= MaxScopeLength } && ScopePattern().IsMatch(scope);

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ScopePattern();
}

/// <summary>What a token request asks for, validated: name, scopes, expiry.</summary>
public sealed record ApiTokenSpec(string Name, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt)
{
    public static ApiTokenSpec? TryCreate(string? name, IEnumerable<string?>? scopes, DateTimeOffset? expiresAt, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > ApiToken.MaxNameLength) errors["name"] = [$"A name of 1 to {ApiToken.MaxNameLength} characters is required."];

        var list = scopes?.ToList() ?? [];
        if (list.Count is 0 or > ApiToken.MaxScopes) errors["scopes"] = [$"1 to {ApiToken.MaxScopes} scopes are required."];
        else if (list.Any(s => !ApiToken.IsValidScope(s)))
            errors["scopes"] = [$"'{list.First(s => !ApiToken.IsValidScope(s))}' is not a permission key: lowercase words joined by dots, such as members.read."];

        if (expiresAt is not { } expiry) errors["expiresAt"] = ["An expiry is required."];
        else if (expiry <= now || expiry > now + ApiToken.MaxLifetime) errors["expiresAt"] = ["The expiry must be in the future and at most a year away."];

        return errors.Count > 0 ? null : new ApiTokenSpec(trimmed, list.Select(s => s!).Distinct().Order(StringComparer.Ordinal).ToList(), expiresAt!.Value);
    }
}
