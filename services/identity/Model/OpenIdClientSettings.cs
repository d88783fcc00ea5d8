using System.Net;

namespace Platform.Identity.Model;

/// <summary>
/// How a client app signs users in with OpenID Connect: a public client (a browser or mobile app, no secret) or a
/// confidential one, its exact redirect addresses, and what it may ask for. Public clients get the code flow only
/// (with PKCE, as every client); client credentials are for confidential clients. A third-party client (a tool the
/// organization does not run itself) asks each user's consent once; the organization's own apps do not.
/// What the app may do on its own, with client credentials (its service account, as Keycloak says), is
/// <see cref="ServiceAccountPermissions"/>: permission keys, as an API token of the app holds them.
/// </summary>
public sealed record OpenIdClientSettings(
    bool Public, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes, bool ThirdParty, IReadOnlyList<string> ServiceAccountPermissions)
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
    public const int MaxUris = 20;
    private static readonly string[] KnownGrantTypes = [AuthorizationCode, RefreshToken, ClientCredentials];

    /// <summary>The settings, or null with <paramref name="errors"/> naming each field that is wrong.</summary>
    public static OpenIdClientSettings? TryCreate(
        bool? isPublic, IReadOnlyList<string?>? redirectUris, IReadOnlyList<string?>? postLogoutRedirectUris, IReadOnlyList<string?>? grantTypes,
        IReadOnlyList<string?>? scopes, IReadOnlyCollection<string> knownScopes, Dictionary<string, string[]> errors, bool? thirdParty = null,
        IReadOnlyList<string?>? serviceAccountPermissions = null)
    {
        var grants = Distinct(grantTypes);
        if (grants.Count == 0 || grants.Any(g => !KnownGrantTypes.Contains(g)))
            errors["grantTypes"] = [$"Give one or more of {string.Join(", ", KnownGrantTypes)}."];
        else if (isPublic == true && grants.Contains(ClientCredentials))
            errors["grantTypes"] = ["A public client has no secret, so it cannot use client_credentials."];
        else if (grants.Contains(RefreshToken) && !grants.Contains(AuthorizationCode))
            errors["grantTypes"] = ["refresh_token comes with authorization_code."];

        var redirects = Addresses("redirectUris", redirectUris, errors);
        if (grants.Contains(AuthorizationCode) && redirects.Count == 0 && !errors.ContainsKey("redirectUris"))
            errors["redirectUris"] = ["The authorization code flow needs at least one redirect address."];
        var postLogout = Addresses("postLogoutRedirectUris", postLogoutRedirectUris, errors);

        var wanted = Distinct(scopes);
        if (wanted.FirstOrDefault(s => !knownScopes.Contains(s)) is { } unknown)
            errors["scopes"] = [$"Unknown scope '{unknown}'; known: {string.Join(", ", knownScopes)}."];
        else if (wanted.Contains("offline_access") && !grants.Contains(RefreshToken))
            errors["scopes"] = ["offline_access needs the refresh_token grant."];

        var permissions = Distinct(serviceAccountPermissions);
        if (permissions.Count > ApiToken.MaxScopes)
            errors["serviceAccountPermissions"] = [$"At most {ApiToken.MaxScopes} permission keys."];
        else if (permissions.FirstOrDefault(p => !ApiToken.IsValidScope(p)) is { } malformed)
            errors["serviceAccountPermissions"] = [$"'{malformed}' is not a permission key: lowercase words joined by dots, such as approvals.request."];
        else if (permissions.Count > 0 && !grants.Contains(ClientCredentials))
            errors["serviceAccountPermissions"] = ["Permissions of the app's own are for the client_credentials grant; add it or leave them out."];

        if (isPublic is null) errors["public"] = ["Say whether the client is public (no secret) or confidential."];
        return errors.Count > 0 ? null : new OpenIdClientSettings(isPublic!.Value, redirects, postLogout, grants, wanted, thirdParty ?? false, permissions);
    }

    // Exact addresses, compared as registered: https, or http on the loopback interface only (a developer's machine).
    private static List<string> Addresses(string field, IReadOnlyList<string?>? values, Dictionary<string, string[]> errors)
    {
        var addresses = Distinct(values);
        if (addresses.Count > MaxUris) errors[field] = [$"At most {MaxUris} addresses."];
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
                || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri))))
            {
                errors[field] = [$"'{address}' is not an absolute https address without a fragment (http only on localhost)."];
                break;
            }
        }

        return addresses;
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static List<string> Distinct(IReadOnlyList<string?>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
}
