using Microsoft.EntityFrameworkCore;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Application;

/// <summary>
/// "May user U do permission P in organization O (and unit X, on a record owned by V)?", answered
/// from the database on every call (no cache), so a revoked grant stops working on the next call; the
/// answer names the grant that decides: the rank first, then custom-role grants (organization, unit,
/// own records, in that order; their own grants before their units'). One query on indexes brings the
/// membership, its organization's state and whether P is a key the organization defined itself (its
/// owner and admins hold those by rank); when the rank does not decide, one more each brings the grants
/// of the person and of their units that hold P; a question about a unit adds the unit's path.
/// </summary>
public sealed class AccessExplanation(MembershipDbContext db)
{
    public async Task<AccessAnswer> ExplainAsync(AccessQuestion question, CancellationToken cancellationToken)
    {
        var (userId, organizationId, permission, unitId, ownerId) = question;
        // One round trip: the membership, its organization's state and whether the key is the organization's own.
        var member = await db.Members.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .Select(m => new
            {
                m.Rank,
                m.State,
                m.ScopeUnitId,
                OrganizationState = db.Organizations.Where(o => o.Id == m.OrganizationId).Select(o => o.State).First(),
                OrganizationKey = db.OrganizationPermissions.Any(p => p.OrganizationId == m.OrganizationId && p.Key == permission),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null) return AccessAnswer.Denied("not a member of the organization");
        if (member.State != MemberState.Active) return AccessAnswer.Denied("the membership is suspended");
        if (member.OrganizationState != OrganizationState.Active) return AccessAnswer.Denied("the organization is archived");

        var rank = Rank(member.Rank);
        var unitPath = new Lazy<Task<string?>>(() => UnitPathAsync(organizationId, unitId, cancellationToken));
        var refusals = new List<string>();
        if (!Permissions.RankHolds(member.Rank, permission, member.OrganizationKey)) refusals.Add($"the rank {rank} does not hold {permission}");
        else if (member.ScopeUnitId is null) return AccessAnswer.Granted($"rank {rank} over the whole organization", "organization");
        else if (unitId is null) refusals.Add($"the rank {rank} applies only within a unit; ask about a unit");
        else
        {
            // A rank scoped to a unit answers only for that unit's subtree.
            var scope = await db.Units.AsNoTracking().Where(u => u.Id == member.ScopeUnitId).Select(u => new { u.Name, u.Path }).SingleOrDefaultAsync(cancellationToken);
            if (scope is not null && await unitPath.Value is { } path && path.StartsWith(scope.Path, StringComparison.Ordinal))
                return AccessAnswer.Granted(GrantScopes.Describe($"rank {rank}", GrantScope.Unit, scope.Name), "unit");
            refusals.Add($"the rank {rank} applies to another unit");
        }

        var grants = await db.HeldByAsync(organizationId, [userId], cancellationToken, permission);
        if (grants.Count == 0) refusals.Add($"no custom role granted to them or their units holds {permission}");

        foreach (var grant in grants.OrderBy(g => g.Scope).ThenBy(g => g.ThroughUnitId is not null).ThenBy(g => g.Role.Name, StringComparer.Ordinal))
        {
            var role = grant.Label;
            var described = grant.Explanation;
            switch (grant.Scope)
            {
                case GrantScope.Organization:
                    return AccessAnswer.Granted(described, "organization");
                case GrantScope.Unit when unitId is not null && grant.ScopeUnitPath is not null && await unitPath.Value is { } path
                                          && path.StartsWith(grant.ScopeUnitPath, StringComparison.Ordinal):
                    return AccessAnswer.Granted(described, "unit");
                case GrantScope.Unit:
                    refusals.Add(unitId is null ? $"{role} applies only within unit {grant.ScopeUnitName}; ask about a unit" : $"{role} applies to another unit");
                    break;
                case GrantScope.Own when ownerId == userId:
                    return AccessAnswer.Granted(described, "own");
                default:
                    refusals.Add(ownerId is null ? $"{role} applies only to their own records; ask with the record's ownerId" : $"{role} applies only to their own records");
                    break;
            }
        }

        return AccessAnswer.Denied(string.Join("; ", refusals));
    }

    private async Task<string?> UnitPathAsync(Guid organizationId, Guid? unitId, CancellationToken cancellationToken) =>
        unitId is null ? null : await db.Units.AsNoTracking().Where(u => u.Id == unitId && u.OrganizationId == organizationId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);

    private static string Rank(Rank rank) => rank.ToString().ToLowerInvariant();
}

/// <summary>The question: may <see cref="UserId"/> do <see cref="Permission"/> in an organization, in a unit, on a record owned by <see cref="OwnerId"/>?</summary>
public sealed record AccessQuestion(Guid UserId, Guid OrganizationId, string Permission, Guid? UnitId = null, Guid? OwnerId = null);

public sealed record AccessAnswer(bool Allowed, string Explanation, string? Scope)
{
    public static AccessAnswer Granted(string explanation, string scope) => new(true, explanation, scope);
    public static AccessAnswer Denied(string explanation) => new(false, explanation, null);
}
