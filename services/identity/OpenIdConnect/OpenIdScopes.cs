using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Identity.OpenIdConnect;

/// <summary>The scopes client apps may ask for, and the API audience the <see cref="Api"/> scope puts in access tokens.</summary>
public static class OpenIdScopes
{
    /// <summary>The caller's memberships: organization id and rank.</summary>
    public const string Organizations = "organizations";
    /// <summary>Access to the platform's APIs through the gateway.</summary>
    public const string Api = "platform";
    /// <summary>The audience (<c>aud</c>) of access tokens for the platform's APIs.</summary>
    public const string ApiAudience = "platform-api";

    public static readonly string[] All = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, Organizations, Api];
}
