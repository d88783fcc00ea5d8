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
    public const string CustomRoleChanged = "role.changed";

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
        [typeof(Membership.CustomRoleChanged)] = CustomRoleChanged,
    };
}
