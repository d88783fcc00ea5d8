namespace Platform.ServiceDefaults.Authentication;

/// <summary>Claim names in the internal token (JWT registered names where one exists).</summary>
public static class InternalClaims
{
    public const string Subject = "sub";
    public const string SessionId = "sid";
    /// <summary>RFC 8693 actor: the administrator acting as <see cref="Subject"/>.</summary>
    public const string Actor = "act";
    public const string ActiveOrganization = "org";
    public const string PlatformAdmin = "platform_admin";
    public const string Scope = "scope";
}
