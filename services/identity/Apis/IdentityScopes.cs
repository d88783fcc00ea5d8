namespace Platform.Identity.Apis;

/// <summary>
/// The permission keys identity's endpoints accept from API tokens. Credentials (password, email,
/// two-factor, sessions, tokens themselves) and administration have none: no token reaches them.
/// </summary>
public static class IdentityScopes
{
    /// <summary>GET /account: read my profile.</summary>
    public const string AccountRead = "account.read";
    /// <summary>PUT /account: change my name.</summary>
    public const string AccountWrite = "account.write";
}
