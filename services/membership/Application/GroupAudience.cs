using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Groups;

namespace Platform.Membership.Application;

/// <summary>
/// Who is in a message group right now: the stored members of an open or restricted group, or, for
/// an automatic group, whoever its rule selects at this moment. Only active memberships count.
/// </summary>
public sealed class GroupAudience(MembershipDbContext db)
{
    public async Task<IQueryable<Member>> MembersAsync(MessageGroup group, CancellationToken cancellationToken)
    {
        var members = db.Members.AsNoTracking().Where(m => m.OrganizationId == group.OrganizationId && m.State == MemberState.Active);
        switch (group.Rule)
        {
            case null:
                return members.Where(m => db.GroupMembers.Any(g => g.GroupId == group.Id && g.UserId == m.UserId));
            case { Type: GroupRuleType.Rank, Rank: { } lowest }:
                // Ranks are stored by name: compare by listing the ranks at and above the lowest.
                var ranks = Enum.GetValues<Rank>().Where(r => r >= lowest).ToList();
                return members.Where(m => ranks.Contains(m.Rank));
            case { Type: GroupRuleType.Unit, UnitId: { } unitId }:
                var path = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);
                if (path is null) return members.Where(_ => false);
                var subtree = await db.Units.Where(u => u.OrganizationId == group.OrganizationId && u.Path.StartsWith(path)).Select(u => u.Id).ToListAsync(cancellationToken);
                return members.Where(m => m.Units.Any(u => subtree.Contains(u.UnitId)) || (m.ScopeUnitId != null && subtree.Contains(m.ScopeUnitId.Value)));
            default:
                return members;
        }
    }

    public async Task<bool> IncludesAsync(MessageGroup group, Guid userId, CancellationToken cancellationToken) =>
        await (await MembersAsync(group, cancellationToken)).AnyAsync(m => m.UserId == userId, cancellationToken);

    /// <summary>
    /// Whom a post reaches: the group's active members whose account can receive mail (not suspended,
    /// archived or deleted in identity), with the address and first name notifications needs.
    /// </summary>
    public async Task<List<GroupMessageRecipient>> RecipientsAsync(MessageGroup group, CancellationToken cancellationToken)
    {
        var unreachable = DirectoryUser.UnreachableStates.ToList();
        return await (await MembersAsync(group, cancellationToken))
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => u)
            .Where(u => !unreachable.Contains(u.AccountState))
            .OrderBy(u => u.Id)
            .Select(u => new GroupMessageRecipient(u.Id, u.Email, u.FirstName))
            .ToListAsync(cancellationToken);
    }
}
