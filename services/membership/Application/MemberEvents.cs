using Platform.Contracts.Membership;
using Platform.Membership.Model;

namespace Platform.Membership.Application;

/// <summary>Events about a member that several endpoints and consumers publish alike.</summary>
public static class MemberEvents
{
    /// <summary>The member's units, complete after the change.</summary>
    public static MemberUnitsChanged UnitsChanged(Member member, DateTimeOffset now) =>
        new(member.OrganizationId, member.UserId, member.UnitIds(), now);
}
