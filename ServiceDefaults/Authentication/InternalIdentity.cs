namespace Platform.ServiceDefaults.Authentication;

/// <summary>Who a forwarded request acts for: what the gateway puts in the internal token.</summary>
public sealed record InternalIdentity(
    Guid UserId,
    string? SessionId = null,
    Guid? ActiveOrganizationId = null,
    bool PlatformAdmin = false,
    Guid? ImpersonatorId = null);
