using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Model.Requests;
using Platform.Contracts.Membership;
using static Platform.Testing.MembershipEventOrders;

namespace Platform.Approvals.Tests;

/// <summary>
/// Membership's events about units, unit memberships and custom-role grants reach approvals in any
/// order: each copy ends as it would in order (the newest event wins), a revocation or deletion is a
/// tombstone that an older event arriving late does not undo, and approver resolution reads the result.
/// Each order is one subject of its own (<see cref="EventOrders"/>), all delivered in one run.
/// </summary>
public sealed class DirectoryEventOrderTests(ApprovalsServiceFixture service) : IClassFixture<ApprovalsServiceFixture>
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1), T2 = T0.AddMinutes(2), T3 = T0.AddMinutes(3), T4 = T0.AddMinutes(4);

    [Fact]
    public async Task A_revoked_role_grant_stays_revoked_and_a_renamed_role_keeps_its_new_name_in_every_order()
    {
        var organizationId = Guid.NewGuid();
        var revoked = Subjects("granted", "role granted", "role renamed", "role revoked");
        var held = Subjects("granted", "role granted", "role renamed");
        object Event(Subject s, string name) => name switch
        {
            "granted" => new MembershipGranted(organizationId, s.UserId, "member", null, null, T0),
            "role granted" => new RoleGranted(organizationId, s.UserId, s.GrantId, s.RoleId, "buyer", "organization", null, [], Guid.NewGuid(), T1),
            "role renamed" => new CustomRoleChanged(organizationId, s.RoleId, "purchaser", [], "updated", Guid.NewGuid(), T2),
            "role revoked" => new RoleRevoked(organizationId, s.UserId, s.GrantId, s.RoleId, "purchaser", "organization", null, Guid.NewGuid(), T3),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        await service.DeliverRoundByRoundAsync(Sequences([.. revoked, .. held], Event));

        var holdings = await service.WithDbAsync(db => db.RoleHoldings.IgnoreQueryFilters().AsNoTracking()
            .Where(h => h.OrganizationId == organizationId)
            .Join(db.Roles.IgnoreQueryFilters(), h => h.RoleId, r => r.Id, (h, r) => new { h.UserId, h.GrantedAt, h.RevokedAt, r.Name })
            .ToListAsync());
        Assert.Equal(24 + 6, holdings.Count);
        AllEndAs(revoked, holdings.ToDictionary(h => h.UserId, h => $"{h.GrantedAt} | {h.RevokedAt} | {h.Name}"), $"{T1} | {T3} | purchaser");
        AllEndAs(held, holdings.ToDictionary(h => h.UserId, h => $"{h.GrantedAt} | {h.RevokedAt} | {h.Name}"), $"{T1} |  | purchaser");

        var inForce = await service.WithDbAsync(db => db.RoleHoldings.Where(h => h.OrganizationId == organizationId).Select(h => h.UserId).ToListAsync());
        Assert.Equal(held.Select(s => s.UserId).Order(), inForce.Order());
    }

    [Fact]
    public async Task A_revoked_membership_takes_its_units_and_roles_with_it_in_all_120_orders_and_resolution_sees_it()
    {
        var organizationId = Guid.NewGuid();
        var (unitA, unitB, unitC) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (requesterInA, requesterInC) = (Guid.NewGuid(), Guid.NewGuid());
        // Revoked at T3 and granted again at T4 as a manager of C: the grant of "buyer" and the units from before the revocation ended with it.
        var returned = Subjects("role granted", "units A", "revoked", "granted again", "units C");
        // Never revoked: the newest unit list wins and the role holds.
        var stayed = Subjects("granted", "role granted", "units A", "units B");
        object Event(Subject s, string name) => name switch
        {
            "granted" => new MembershipGranted(organizationId, s.UserId, "member", null, null, T0),
            "role granted" => new RoleGranted(organizationId, s.UserId, s.GrantId, s.RoleId, returned.Contains(s) ? "buyer" : "clerk", "organization", null, [], Guid.NewGuid(), T1),
            "units A" => new MemberUnitsChanged(organizationId, s.UserId, [unitA], T1),
            "units B" => new MemberUnitsChanged(organizationId, s.UserId, [unitB], T2),
            "revoked" => new MembershipRevoked(organizationId, s.UserId, null, T3),
            "granted again" => new MembershipGranted(organizationId, s.UserId, "manager", null, null, T4),
            "units C" => new MemberUnitsChanged(organizationId, s.UserId, [unitC], T4),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        IReadOnlyList<object> Requester(Guid userId, Guid unit) =>
            [new MembershipGranted(organizationId, userId, "member", null, null, T0), new MemberUnitsChanged(organizationId, userId, [unit], T0)];
        IReadOnlyList<object> Units() => [.. new[] { unitA, unitB, unitC }.Select(u => new UnitCreated(organizationId, u, null, "Team", "team", T0))];

        await service.DeliverRoundByRoundAsync([.. Sequences([.. returned, .. stayed], Event), Requester(requesterInA, unitA), Requester(requesterInC, unitC), Units()]);

        var copies = await service.WithDbAsync(async db => (
            Members: await db.Members.Where(m => m.OrganizationId == organizationId).ToDictionaryAsync(m => m.UserId, m => m.Rank),
            Units: (await db.UnitMemberships.Where(m => m.OrganizationId == organizationId).ToListAsync()).ToLookup(m => m.UserId, m => m.UnitId),
            Holders: await db.RoleHoldings.Where(h => h.OrganizationId == organizationId).Select(h => h.UserId).ToListAsync()));
        string State(Guid userId) =>
            $"{copies.Members.GetValueOrDefault(userId, "not a member")} | {string.Join(",", copies.Units[userId].Select(u => u == unitA ? "A" : u == unitB ? "B" : "C"))} | {(copies.Holders.Contains(userId) ? "holds" : "no role")}";
        AllEndAs(returned, returned.ToDictionary(s => s.UserId, s => State(s.UserId)), "manager | C | no role");
        AllEndAs(stayed, stayed.ToDictionary(s => s.UserId, s => State(s.UserId)), "member | B | holds");

        var directory = await service.WithDbAsync(db => DirectorySnapshot.LoadAsync(db, organizationId, CancellationToken.None));
        IEnumerable<Guid?> Approvers(PolicyStep step, Guid requester) => directory.Resolve(step, organizationId, requester).Select(a => a.UserId).Order();
        var buyers = new PolicyStep("Buyers", ApproverSource.Role, Role: "buyer");
        var clerks = new PolicyStep("Clerks", ApproverSource.Role, Role: "clerk");
        var managers = new PolicyStep("Managers", ApproverSource.UnitManagers);
        Assert.Empty(Approvers(buyers, requesterInA));
        Assert.Equal(stayed.Select(s => (Guid?)s.UserId).Order(), Approvers(clerks, requesterInA));
        Assert.Empty(Approvers(managers, requesterInA));
        Assert.Equal(returned.Select(s => (Guid?)s.UserId).Order(), Approvers(managers, requesterInC));
    }

    [Fact]
    public async Task A_deleted_unit_stays_deleted_and_a_live_one_keeps_its_newest_name_and_parent_in_every_order()
    {
        var organizationId = Guid.NewGuid();
        var (firstParent, secondParent) = (Guid.NewGuid(), Guid.NewGuid());
        var deleted = Subjects("created", "renamed", "moved", "deleted");
        var live = Subjects("created", "renamed", "moved");
        // Each subject's unit is its grant id, so one subject is one unit.
        object Event(Subject s, string name) => name switch
        {
            "created" => new UnitCreated(organizationId, s.GrantId, firstParent, "Sales", "department", T0),
            "renamed" => new UnitRenamed(organizationId, s.GrantId, "Sales EU", "department", T1),
            "moved" => new UnitMoved(organizationId, s.GrantId, secondParent, T2),
            "deleted" => new UnitDeleted(organizationId, s.GrantId, T3),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        await service.DeliverRoundByRoundAsync(Sequences([.. deleted, .. live], Event));

        var units = await service.WithDbAsync(db => db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.OrganizationId == organizationId)
            .ToDictionaryAsync(u => u.Id, u => $"{u.Name} | {(u.ParentUnitId == secondParent ? "second parent" : u.ParentUnitId.ToString())} | {u.DeletedAt}"));
        Assert.Equal(24 + 6, units.Count);
        AllEndAs(deleted, deleted.ToDictionary(s => s.UserId, s => units[s.GrantId]), $"Sales EU | second parent | {T3}");
        AllEndAs(live, live.ToDictionary(s => s.UserId, s => units[s.GrantId]), "Sales EU | second parent | ");
        var inTree = await service.WithDbAsync(db => db.Units.Where(u => u.OrganizationId == organizationId).Select(u => u.Id).ToListAsync());
        Assert.Equal(live.Select(s => s.GrantId).Order(), inTree.Order());
    }

    /// <summary>One order of the named events, about a member of its own, with a grant and a role of its own.</summary>
    private sealed record Subject(Guid UserId, Guid GrantId, Guid RoleId, string[] Order);

    private static List<Subject> Subjects(params string[] events) =>
        EventOrders.Permutations(events).Select(order => new Subject(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), order)).ToList();

    private static IReadOnlyList<IReadOnlyList<object>> Sequences(IEnumerable<Subject> subjects, Func<Subject, string, object> @event) =>
        subjects.Select(s => (IReadOnlyList<object>)s.Order.Select(name => @event(s, name)).ToList()).ToList();

    /// <summary>Every subject ends in <paramref name="expected"/>; the message names the orders that did not.</summary>
    private static void AllEndAs(IReadOnlyList<Subject> subjects, IReadOnlyDictionary<Guid, string> states, string expected)
    {
        var wrong = subjects.Where(s => states.GetValueOrDefault(s.UserId) != expected)
            .Select(s => $"[{string.Join(", ", s.Order)}] -> {states.GetValueOrDefault(s.UserId) ?? "missing"}").ToList();
        Assert.True(wrong.Count == 0, $"expected {expected}; {wrong.Count} of {subjects.Count} orders differ:\n{string.Join("\n", wrong.Take(10))}");
    }
}
