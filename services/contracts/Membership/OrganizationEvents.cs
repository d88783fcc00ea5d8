using Platform.Contracts.Organizations;

namespace Platform.Contracts.Membership;

public sealed record OrganizationCreated(Guid OrganizationId, string Name, string Slug, Guid OwnerId, DateTimeOffset CreatedAt) : IOrganizationEvent;

public sealed record OrganizationArchived(Guid OrganizationId, Guid ActorId, DateTimeOffset ArchivedAt) : IOrganizationEvent;

/// <summary>Exactly one owner at every moment: the previous owner stays on as an admin.</summary>
public sealed record OwnershipTransferred(Guid OrganizationId, Guid PreviousOwnerId, Guid NewOwnerId, Guid ActorId, DateTimeOffset TransferredAt) : IOrganizationEvent;

/// <summary>Someone became a member. Rank is lowercase (owner, admin, manager, member, viewer); ScopeUnitId limits it to a unit subtree.</summary>
public sealed record MembershipGranted(Guid OrganizationId, Guid UserId, string Rank, Guid? ScopeUnitId, Guid? ActorId, DateTimeOffset GrantedAt) : IOrganizationEvent;

public sealed record MembershipRoleChanged(
    Guid OrganizationId, Guid UserId, string FromRank, string ToRank, Guid? ScopeUnitId, Guid ActorId, DateTimeOffset ChangedAt) : IOrganizationEvent;

/// <summary>A membership was suspended or reactivated in this organization only.</summary>
public sealed record MembershipStateChanged(Guid OrganizationId, Guid UserId, string State, Guid ActorId, DateTimeOffset ChangedAt) : IOrganizationEvent;

public sealed record MembershipRevoked(Guid OrganizationId, Guid UserId, Guid? ActorId, DateTimeOffset RevokedAt) : IOrganizationEvent;
