using Platform.Contracts.Organizations;

namespace Platform.Contracts.Membership;

/// <summary>
/// A custom role was created, redefined or deleted. <see cref="Change"/> is <c>created</c>,
/// <c>updated</c> or <c>deleted</c>; a deletion also revokes every grant of the role (a
/// <see cref="RoleRevoked"/> each). Permissions are the role's keys after the change.
/// </summary>
public sealed record CustomRoleChanged(
    Guid OrganizationId, Guid RoleId, string Name, IReadOnlyList<string> Permissions, string Change, Guid ActorId, DateTimeOffset ChangedAt) : IOrganizationEvent;

/// <summary>
/// A custom role was granted to a member. Scope is lowercase: <c>organization</c>, <c>unit</c>
/// (<see cref="ScopeUnitId"/> and its sub-units) or <c>own</c> (the member's own records).
/// </summary>
public sealed record RoleGranted(
    Guid OrganizationId, Guid UserId, Guid GrantId, Guid RoleId, string RoleName, string Scope, Guid? ScopeUnitId,
    IReadOnlyList<string> Permissions, Guid ActorId, DateTimeOffset GrantedAt) : IOrganizationEvent;

/// <summary>
/// A custom-role grant ended: revoked by <see cref="ActorId"/>, or with its role deleted. Grants that
/// end because the membership is revoked are covered by <see cref="MembershipRevoked"/>.
/// </summary>
public sealed record RoleRevoked(
    Guid OrganizationId, Guid UserId, Guid GrantId, Guid RoleId, string RoleName, string Scope, Guid? ScopeUnitId,
    Guid ActorId, DateTimeOffset RevokedAt) : IOrganizationEvent;

/// <summary>
/// A custom role was granted to a unit: everyone in <see cref="UnitId"/> or one of its sub-units holds
/// it over <see cref="Scope"/> (as in <see cref="RoleGranted"/>) while they are there.
/// </summary>
public sealed record UnitRoleGranted(
    Guid OrganizationId, Guid UnitId, Guid GrantId, Guid RoleId, string RoleName, string Scope, Guid? ScopeUnitId,
    IReadOnlyList<string> Permissions, Guid ActorId, DateTimeOffset GrantedAt) : IOrganizationEvent;

/// <summary>A unit's role grant ended: revoked by <see cref="ActorId"/>, or with its role deleted.</summary>
public sealed record UnitRoleRevoked(
    Guid OrganizationId, Guid UnitId, Guid GrantId, Guid RoleId, string RoleName, string Scope, Guid? ScopeUnitId,
    Guid ActorId, DateTimeOffset RevokedAt) : IOrganizationEvent;
