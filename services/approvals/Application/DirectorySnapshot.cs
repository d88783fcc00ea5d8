using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model;
using Platform.Approvals.Model.Directory;
using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Application;

/// <summary>
/// One organization's people, units and roles as approvals' projection of membership holds them,
/// loaded once so the request model can ask synchronously. Only active members whose account may
/// decide are ever named as approvers.
/// </summary>
public sealed class DirectorySnapshot : IApproverResolver
{
    private readonly Guid organizationId;
    private readonly Dictionary<Guid, MemberCopy> members;
    private readonly Dictionary<Guid, UnitCopy> units;
    private readonly ILookup<Guid, Guid> unitsOfMember;
    private readonly List<HeldRole> holdings;
    private readonly List<UnitHeldRole> unitHoldings;

    private DirectorySnapshot(Guid organizationId, Dictionary<Guid, MemberCopy> members, Dictionary<Guid, UnitCopy> units,
        ILookup<Guid, Guid> unitsOfMember, List<HeldRole> holdings, List<UnitHeldRole> unitHoldings)
    {
        this.organizationId = organizationId;
        this.members = members;
        this.units = units;
        this.unitsOfMember = unitsOfMember;
        this.holdings = holdings;
        this.unitHoldings = unitHoldings;
    }

    public static async Task<DirectorySnapshot> LoadAsync(ApprovalsDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var blocked = await db.Approvers.AsNoTracking()
            .Where(a => db.Members.Any(m => m.OrganizationId == organizationId && m.UserId == a.UserId))
            .Where(a => a.AccountState == "suspended" || a.AccountState == "archived" || a.AccountState == "deleted")
            .Select(a => a.UserId).ToListAsync(cancellationToken);
        var members = (await db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId && !m.Suspended).ToListAsync(cancellationToken))
            .Where(m => !blocked.Contains(m.UserId)).ToDictionary(m => m.UserId);
        // The copies' query filters leave out revoked grants, deleted roles and deleted units (tombstones).
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == organizationId).ToDictionaryAsync(u => u.Id, cancellationToken);
        var unitMemberships = await db.UnitMemberships.AsNoTracking().Where(u => u.OrganizationId == organizationId)
            .Where(m => !db.Units.IgnoreQueryFilters().Any(u => u.Id == m.UnitId && u.DeletedAt != null))
            .ToListAsync(cancellationToken);
        var holdings = await db.RoleHoldings.AsNoTracking().Where(h => h.OrganizationId == organizationId)
            .Join(db.Roles, h => h.RoleId, r => r.Id, (h, r) => new HeldRole(h.UserId, r.Name, h.Scope, h.ScopeUnitId))
            .ToListAsync(cancellationToken);
        var unitHoldings = await db.UnitRoleHoldings.AsNoTracking().Where(h => h.OrganizationId == organizationId)
            .Join(db.Roles, h => h.RoleId, r => r.Id, (h, r) => new UnitHeldRole(h.UnitId, r.Name, h.Scope, h.ScopeUnitId))
            .ToListAsync(cancellationToken);
        return new DirectorySnapshot(organizationId, members, units, unitMemberships.ToLookup(u => u.UserId, u => u.UnitId), holdings, unitHoldings);
    }

    public bool IsActiveMember(Guid userId) => members.ContainsKey(userId);

    public IReadOnlyList<ApproverRef> Resolve(PolicyStep step, Guid organization, Guid requesterId)
    {
        if (organization != organizationId) return [];
        return step.Source switch
        {
            ApproverSource.Role => RoleHolders(step.Role!, requesterId),
            ApproverSource.UnitManagers => UnitManagers(requesterId),
            ApproverSource.NamedPeople => (step.People ?? []).Where(members.ContainsKey).Select(ApproverRef.Member).ToList(),
            _ => [],
        };
    }

    public IReadOnlyList<ApproverRef> OrganizationAdmins(Guid organization) =>
        organization != organizationId ? [] : members.Values.Where(m => m.IsAdmin).OrderBy(m => m.Rank != MemberCopy.Owner).Select(m => ApproverRef.Member(m.UserId)).ToList();

    /// <summary>Whether someone still may decide a step they were asked for: they would be found for it now, or they are an admin.</summary>
    public bool MayStillDecide(Guid userId, PolicyStep step, Guid requesterId) =>
        members.TryGetValue(userId, out var member) && (member.IsAdmin || Resolve(step, organizationId, requesterId).Any(a => a.UserId == userId));

    /// <summary>A rank (exactly that rank) or a custom role by name, granted over the organization or over a unit the requester is in.</summary>
    private List<ApproverRef> RoleHolders(string role, Guid requesterId)
    {
        var byRank = members.Values.Where(m => string.Equals(m.Rank, role, StringComparison.OrdinalIgnoreCase)).Select(m => m.UserId);
        var requesterUnits = unitsOfMember[requesterId].SelectMany(Ancestry).ToHashSet();
        bool Counts(string roleName, string scope, Guid? scopeUnitId) => string.Equals(roleName, role, StringComparison.OrdinalIgnoreCase)
            && (scope == "organization" || (scope == "unit" && scopeUnitId is { } unit && requesterUnits.Contains(unit)));
        var byRole = holdings.Where(h => members.ContainsKey(h.UserId) && Counts(h.RoleName, h.Scope, h.ScopeUnitId)).Select(h => h.UserId);
        var throughUnits = unitHoldings.Where(h => Counts(h.RoleName, h.Scope, h.ScopeUnitId)).SelectMany(h => MembersUnder(h.UnitId));
        return byRank.Concat(byRole).Concat(throughUnits).Distinct().Select(ApproverRef.Member).ToList();
    }

    /// <summary>
    /// Everyone in the unit or one of its sub-units, who holds a unit's roles while there (own-records grants are about
    /// the holder's own records and name no approvers).
    /// </summary>
    private IEnumerable<Guid> MembersUnder(Guid unitId) => members.Keys.Where(m => unitsOfMember[m].SelectMany(Ancestry).Contains(unitId));

    /// <summary>
    /// From each of the requester's units upwards, the first level that has managers: members with
    /// the manager rank who belong to the unit or whose rank is scoped to it.
    /// </summary>
    private List<ApproverRef> UnitManagers(Guid requesterId)
    {
        var found = new List<Guid>();
        foreach (var start in unitsOfMember[requesterId])
        {
            foreach (var unit in Ancestry(start))
            {
                var managers = members.Values
                    .Where(m => m.Rank == MemberCopy.Manager && m.UserId != requesterId)
                    .Where(m => m.ScopeUnitId == unit || (m.ScopeUnitId is null && unitsOfMember[m.UserId].Contains(unit)))
                    .Select(m => m.UserId).ToList();
                if (managers.Count == 0) continue;
                found.AddRange(managers);
                break;
            }
        }

        return found.Distinct().Select(ApproverRef.Member).ToList();
    }

    /// <summary>The unit, its parent, and so on to the top (guarded against a cycle in a corrupt copy).</summary>
    private IEnumerable<Guid> Ancestry(Guid unitId)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = unitId; current is { } id && seen.Add(id); current = units.GetValueOrDefault(id)?.ParentUnitId)
            yield return id;
    }
}

/// <summary>A grant in force of a role not deleted, with the role's current name.</summary>
internal sealed record HeldRole(Guid UserId, string RoleName, string Scope, Guid? ScopeUnitId);

/// <summary>A unit's grant in force of a role not deleted, with the role's current name.</summary>
internal sealed record UnitHeldRole(Guid UnitId, string RoleName, string Scope, Guid? ScopeUnitId);
