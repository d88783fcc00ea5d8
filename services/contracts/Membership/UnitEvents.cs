using Platform.Contracts.Organizations;

namespace Platform.Contracts.Membership;

/// <summary>
/// A unit was added to an organization's tree. ParentUnitId is null for a top-level unit; Label is the organization's word for it (branch, team);
/// CustomFields are the values of the organization's unit fields it was created with (null from publishers before unit fields existed).
/// </summary>
public sealed record UnitCreated(
    Guid OrganizationId, Guid UnitId, Guid? ParentUnitId, string Name, string Label, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string>? CustomFields = null) : IOrganizationEvent;

/// <summary>A unit was renamed or relabelled.</summary>
public sealed record UnitRenamed(Guid OrganizationId, Guid UnitId, string Name, string Label, DateTimeOffset RenamedAt) : IOrganizationEvent;

/// <summary>A unit's custom field values changed; CustomFields holds all of them after the change.</summary>
public sealed record UnitCustomFieldsChanged(Guid OrganizationId, Guid UnitId, IReadOnlyDictionary<string, string> CustomFields, DateTimeOffset ChangedAt) : IOrganizationEvent;

/// <summary>A unit moved under another parent (null: to the top); its sub-units moved with it.</summary>
public sealed record UnitMoved(Guid OrganizationId, Guid UnitId, Guid? ParentUnitId, DateTimeOffset MovedAt) : IOrganizationEvent;

/// <summary>An empty unit was deleted (units with members or sub-units are not deleted).</summary>
public sealed record UnitDeleted(Guid OrganizationId, Guid UnitId, DateTimeOffset DeletedAt) : IOrganizationEvent;

/// <summary>
/// The units a member belongs to, complete after the change (an empty list: none). Published when a
/// membership is granted with units and whenever the member's units change.
/// </summary>
public sealed record MemberUnitsChanged(Guid OrganizationId, Guid UserId, IReadOnlyList<Guid> UnitIds, DateTimeOffset ChangedAt) : IOrganizationEvent;
