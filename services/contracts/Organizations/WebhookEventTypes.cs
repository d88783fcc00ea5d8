using Platform.Contracts.Approvals;
using Platform.Contracts.Membership;

namespace Platform.Contracts.Organizations;

/// <summary>The names under which organization events are offered to webhooks (<c>group.message-posted</c>).</summary>
public static class WebhookEventTypes
{
    public const string GroupMessagePosted = "group.message-posted";
    public const string OrganizationArchived = "organization.archived";
    public const string OwnershipTransferred = "organization.ownership-transferred";
    public const string MembershipGranted = "membership.granted";
    public const string MembershipRoleChanged = "membership.role-changed";
    public const string MembershipStateChanged = "membership.state-changed";
    public const string MembershipRevoked = "membership.revoked";
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string UnitRoleGranted = "unit.role-granted";
    public const string UnitRoleRevoked = "unit.role-revoked";
    public const string CustomRoleChanged = "role.changed";
    public const string UnitCreated = "unit.created";
    public const string UnitRenamed = "unit.renamed";
    public const string UnitCustomFieldsChanged = "unit.custom-fields-changed";
    public const string UnitMoved = "unit.moved";
    public const string UnitDeleted = "unit.deleted";
    public const string MemberUnitsChanged = "membership.units-changed";
    public const string OrganizationSecurityChanged = "organization.security-changed";
    public const string ApprovalRequested = "approval.requested";
    public const string ApprovalStepAdvanced = "approval.step-advanced";
    public const string ApprovalDecided = "approval.decided";
    public const string ApprovalExpired = "approval.expired";
    public const string ApprovalCancelled = "approval.cancelled";

    public static readonly IReadOnlyDictionary<Type, string> ByContract = new Dictionary<Type, string>
    {
        [typeof(GroupMessagePosted)] = GroupMessagePosted,
        [typeof(OrganizationArchived)] = OrganizationArchived,
        [typeof(Membership.OwnershipTransferred)] = OwnershipTransferred,
        [typeof(Membership.MembershipGranted)] = MembershipGranted,
        [typeof(Membership.MembershipRoleChanged)] = MembershipRoleChanged,
        [typeof(Membership.MembershipStateChanged)] = MembershipStateChanged,
        [typeof(Membership.MembershipRevoked)] = MembershipRevoked,
        [typeof(Membership.RoleGranted)] = RoleGranted,
        [typeof(Membership.RoleRevoked)] = RoleRevoked,
        [typeof(Membership.UnitRoleGranted)] = UnitRoleGranted,
        [typeof(Membership.UnitRoleRevoked)] = UnitRoleRevoked,
        [typeof(Membership.CustomRoleChanged)] = CustomRoleChanged,
        [typeof(Membership.UnitCreated)] = UnitCreated,
        [typeof(Membership.UnitRenamed)] = UnitRenamed,
        [typeof(Membership.UnitCustomFieldsChanged)] = UnitCustomFieldsChanged,
        [typeof(Membership.UnitMoved)] = UnitMoved,
        [typeof(Membership.UnitDeleted)] = UnitDeleted,
        [typeof(Membership.MemberUnitsChanged)] = MemberUnitsChanged,
        [typeof(Membership.OrganizationSecurityChanged)] = OrganizationSecurityChanged,
        [typeof(Approvals.ApprovalRequested)] = ApprovalRequested,
        [typeof(Approvals.ApprovalStepAdvanced)] = ApprovalStepAdvanced,
        [typeof(Approvals.ApprovalDecided)] = ApprovalDecided,
        [typeof(Approvals.ApprovalExpired)] = ApprovalExpired,
        [typeof(Approvals.ApprovalCancelled)] = ApprovalCancelled,
    };
}
