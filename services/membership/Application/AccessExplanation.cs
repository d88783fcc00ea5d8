using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;

namespace Platform.Membership.Application;

/// <summary>
/// "May user U do permission P in organization O (and unit X)?", answered from the database on every
/// call (no cache), so a revoked grant stops working on the next call; the answer names the grant
/// that decides.
/// </summary>
public sealed class AccessExplanation(MembershipDbContext db)
{
    public async Task<AccessAnswer> ExplainAsync(Guid userId, Guid organizationId, string permission, Guid? unitId, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .Select(m => new { m.Rank, m.State, m.ScopeUnitId })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null) return AccessAnswer.Denied("not a member of the organization");
        if (member.State != MemberState.Active) return AccessAnswer.Denied("the membership is suspended");

        var organizationActive = await db.Organizations.AnyAsync(o => o.Id == organizationId && o.State == OrganizationState.Active, cancellationToken);
        if (!organizationActive) return AccessAnswer.Denied("the organization is archived");
        if (!Permissions.OfRank(member.Rank).Contains(permission)) return AccessAnswer.Denied($"the rank {Rank(member.Rank)} does not hold {permission}");
        if (member.ScopeUnitId is null) return AccessAnswer.Granted($"rank {Rank(member.Rank)} over the whole organization", "organization");

        // A rank scoped to a unit answers only for that unit's subtree.
        if (unitId is null) return AccessAnswer.Denied($"the rank {Rank(member.Rank)} applies only within a unit; ask about a unit");
        var paths = await db.Units.AsNoTracking().Where(u => u.OrganizationId == organizationId && (u.Id == unitId || u.Id == member.ScopeUnitId))
            .Select(u => new { u.Id, u.Path }).ToListAsync(cancellationToken);
        var scope = paths.SingleOrDefault(p => p.Id == member.ScopeUnitId)?.Path;
        var unit = paths.SingleOrDefault(p => p.Id == unitId)?.Path;
        return scope is not null && unit is not null && unit.StartsWith(scope, StringComparison.Ordinal)
            ? AccessAnswer.Granted($"rank {Rank(member.Rank)} over unit {member.ScopeUnitId} and its sub-units", "unit")
            : AccessAnswer.Denied($"the rank {Rank(member.Rank)} applies to another unit");
    }

    private static string Rank(Rank rank) => rank.ToString().ToLowerInvariant();
}

public sealed record AccessAnswer(bool Allowed, string Explanation, string? Scope)
{
    public static AccessAnswer Granted(string explanation, string scope) => new(true, explanation, scope);
    public static AccessAnswer Denied(string explanation) => new(false, explanation, null);
}
