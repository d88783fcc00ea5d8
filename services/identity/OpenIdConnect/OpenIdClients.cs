using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Identity.Model;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>A client app's OpenID Connect registration: an OpenIddict application whose client id is the app's id.</summary>
public sealed class OpenIdClients(IOpenIddictApplicationManager applications)
{
    public const string OrganizationProperty = "organization_id";
    public const string ServiceAccountPermissionsProperty = "service_account_permissions";

    /// <summary>The organization a client app belongs to; null for a platform-wide client.</summary>
    public static Guid? OrganizationOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(OrganizationProperty, out var value) && Guid.TryParse(value.GetString(), out var id) ? id : null;

    /// <summary>The permission keys the client's own tokens (client credentials) hold.</summary>
    public static IReadOnlyList<string> ServiceAccountPermissionsOf(IReadOnlyDictionary<string, JsonElement> properties) =>
        properties.TryGetValue(ServiceAccountPermissionsProperty, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(p => p.GetString()).OfType<string>().ToList()
            : [];

    /// <summary>
    /// Where browser apps run: the origins of every public client's redirect addresses (Keycloak's "web origins: +").
    /// A confidential client talks to the provider from its server, so its addresses open nothing to browsers.
    /// </summary>
    public async Task<IReadOnlyList<string>> BrowserOriginsAsync(CancellationToken cancellationToken)
    {
        var origins = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (!await applications.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken)) continue;
            foreach (var address in await applications.GetRedirectUrisAsync(application, cancellationToken))
            {
                if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
                    origins.Add(uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant());
            }
        }

        return [.. origins];
    }

    public async Task<OpenIdClientSettings?> FindAsync(ClientApp app, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(app.Id.ToString(), cancellationToken) is not { } application) return null;
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        return Settings(descriptor);
    }

    /// <summary>Registers or replaces the settings; the secret is returned (and only its hash kept) for a new confidential client or when asked to rotate.</summary>
    public async Task<(OpenIdClientSettings Settings, string? Secret)> SaveAsync(
        ClientApp app, OpenIdClientSettings settings, bool rotateSecret, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(app.Id.ToString(), cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        if (existing is not null) await applications.PopulateAsync(descriptor, existing, cancellationToken);
        var wasConfidential = existing is not null && descriptor.ClientType == ClientTypes.Confidential;

        Describe(descriptor, app, settings);
        string? secret = null;
        if (!settings.Public && (rotateSecret || !wasConfidential))
        {
            secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            descriptor.ClientSecret = secret;
        }
        else if (settings.Public)
        {
            descriptor.ClientSecret = null;
        }

        if (existing is null) await applications.CreateAsync(descriptor, cancellationToken);
        else await applications.UpdateAsync(existing, descriptor, cancellationToken);
        return (settings, secret);
    }

    private static void Describe(OpenIddictApplicationDescriptor descriptor, ClientApp app, OpenIdClientSettings settings)
    {
        descriptor.ClientId = app.Id.ToString();
        descriptor.DisplayName = app.Name;
        descriptor.ClientType = settings.Public ? ClientTypes.Public : ClientTypes.Confidential;
        // Explicit: the authorization endpoint asks the user once and remembers it (a permanent authorization).
        descriptor.ConsentType = settings.ThirdParty ? ConsentTypes.Explicit : ConsentTypes.Implicit;
        if (app.OrganizationId is { } organization) descriptor.Properties[OrganizationProperty] = JsonSerializer.SerializeToElement(organization.ToString());
        else descriptor.Properties.Remove(OrganizationProperty);
        descriptor.Properties[ServiceAccountPermissionsProperty] = JsonSerializer.SerializeToElement(settings.ServiceAccountPermissions);
        descriptor.RedirectUris.Clear();
        foreach (var uri in settings.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
        descriptor.PostLogoutRedirectUris.Clear();
        foreach (var uri in settings.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));

        descriptor.Permissions.Clear();
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (!settings.Public) descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        if (settings.GrantTypes.Contains(OpenIdClientSettings.AuthorizationCode))
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
        }

        foreach (var grant in settings.GrantTypes) descriptor.Permissions.Add(Permissions.Prefixes.GrantType + grant);
        foreach (var scope in settings.Scopes.Where(s => s != Scopes.OpenId)) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Requirements.Clear();
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
    }

    private static OpenIdClientSettings Settings(OpenIddictApplicationDescriptor descriptor) => new(
        descriptor.ClientType == ClientTypes.Public,
        descriptor.RedirectUris.Select(u => u.OriginalString).ToList(),
        descriptor.PostLogoutRedirectUris.Select(u => u.OriginalString).ToList(),
        descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.GrantType.Length..]).ToList(),
        [Scopes.OpenId, .. descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])],
        descriptor.ConsentType == ConsentTypes.Explicit,
        ServiceAccountPermissionsOf(descriptor.Properties));
}
