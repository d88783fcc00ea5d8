using Platform.Membership.Model;

namespace Platform.Membership.Application;

/// <summary>
/// Whose memberships someone may see in one organization (<see cref="OrganizationAccess.VisibilityAsync"/>):
/// everyone, or themselves and the members of some units (each unit with its sub-units already expanded).
/// </summary>
public sealed record MemberVisibility(Guid Self, IReadOnlyList<Guid>? UnitIds)
{
    public static readonly MemberVisibility Everyone = new(Guid.Empty, null);

    public bool SeesEveryone => UnitIds is null;

    public IQueryable<Member> Filter(IQueryable<Member> members)
    {
        if (UnitIds is not { } unitIds) return members;
        var self = Self;
        return members.Where(m => m.UserId == self || m.Units.Any(u => unitIds.Contains(u.UnitId)));
    }

    public bool Sees(Member member) => UnitIds is not { } unitIds || member.UserId == Self || member.Units.Any(u => unitIds.Contains(u.UnitId));
}
