namespace Platform.Contracts.Identity;

/// <summary>
/// A user signed in to a client app with OpenID Connect (the authorization endpoint issued a code): for webhooks and
/// access reviews. <paramref name="OrganizationId"/> is the client app's organization, null for a platform-wide client.
/// </summary>
public sealed record ClientAuthorized(Guid UserId, string ClientId, Guid? OrganizationId, IReadOnlyList<string> Scopes, DateTimeOffset AuthorizedAt);
