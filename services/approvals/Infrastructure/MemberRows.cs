using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Model.Directory;

namespace Platform.Approvals.Infrastructure;

/// <summary>The member copy's row lock, for membership's events, which may arrive in any order.</summary>
public static class MemberRows
{
    /// <summary>
    /// Row-locks (or creates) the pair's copy, revoked ones included, so two events about it apply one after
    /// the other. Two first events racing: one insert loses on the key, and its retry finds the row.
    /// </summary>
    public static async Task<MemberCopy> LockMemberAsync(this ApprovalsDbContext db, Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.Members
            .FromSql($"""SELECT * FROM "Members" WHERE "OrganizationId" = {organizationId} AND "UserId" = {userId} FOR UPDATE""")
            .IgnoreQueryFilters()
            .ToListAsync(cancellationToken);
        if (rows is [var member]) return member;
        member = MemberCopy.Unknown(organizationId, userId);
        db.Members.Add(member);
        return member;
    }
}
