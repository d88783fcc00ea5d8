using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Tests;

/// <summary>The rules for custom roles: who grants which role over which scope, and who defines roles.</summary>
public sealed class RoleDelegationTests
{
    private static readonly Guid ActorId = Guid.NewGuid();
    private const string UnitA = "/a/";
    private const string UnitAChild = "/a/b/";
    private const string UnitC = "/c/";
    private const string AppKey = "invoices.approve";

    private static Target Member(Rank rank = Rank.Member, params string[] unitPaths) => new(Guid.NewGuid(), rank, unitPaths);

    private static List<Holding> HoldingsOf(Actor actor, params Holding[] roles) => [Holding.OfRank(actor), .. roles];

    private static Holding Role(GrantScope scope, string? unitPath, params string[] permissions) => new("role R", scope, unitPath, permissions.ToHashSet());

    public static TheoryData<Rank, Rank, bool> RankMatrix()
    {
        var data = new TheoryData<Rank, Rank, bool>();
        foreach (var actor in Enum.GetValues<Rank>())
        foreach (var target in Enum.GetValues<Rank>())
        {
            // A role holding only members.read (which every rank holds): the rank rules alone decide.
            data.Add(actor, target, actor >= Rank.Manager && target < actor);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RankMatrix))]
    public void Grants_go_only_from_managers_and_above_to_lower_ranks(Rank actorRank, Rank targetRank, bool allowed)
    {
        var actor = new Actor(ActorId, actorRank, null);
        var decision = Delegation.CheckRoleGrant(actor, HoldingsOf(actor), Member(targetRank), [Permissions.MembersRead], GrantScope.Organization, null);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData(Rank.Manager, Permissions.ApprovalsDecide, true)]
    [InlineData(Rank.Manager, Permissions.OrgSettings, false)]
    [InlineData(Rank.Admin, Permissions.OrgSettings, true)]
    [InlineData(Rank.Admin, AppKey, false)]
    [InlineData(Rank.Owner, AppKey, true)]
    public void Nobody_grants_a_role_holding_a_permission_they_do_not_hold(Rank actorRank, string permission, bool allowed)
    {
        var actor = new Actor(ActorId, actorRank, null);
        var decision = Delegation.CheckRoleGrant(actor, HoldingsOf(actor), Member(Rank.Viewer), [Permissions.MembersRead, permission], GrantScope.Organization, null);
        Assert.Equal(allowed, decision.Allowed);
        if (!allowed) Assert.Contains(permission, decision.Reason);
    }

    [Theory]
    [InlineData(GrantScope.Organization, null, true)]
    [InlineData(GrantScope.Unit, UnitC, true)]
    [InlineData(GrantScope.Own, null, true)]
    public void A_permission_held_through_an_organization_wide_role_may_be_passed_on_anywhere(GrantScope scope, string? unitPath, bool allowed)
    {
        var admin = new Actor(ActorId, Rank.Admin, null);
        var holdings = HoldingsOf(admin, Role(GrantScope.Organization, null, AppKey));
        Assert.Equal(allowed, Delegation.CheckRoleGrant(admin, holdings, Member(), [AppKey], scope, unitPath).Allowed);
    }

    [Theory]
    [InlineData(GrantScope.Unit, UnitA, true)]
    [InlineData(GrantScope.Unit, UnitAChild, true)]
    [InlineData(GrantScope.Unit, UnitC, false)]
    [InlineData(GrantScope.Organization, null, false)]
    [InlineData(GrantScope.Own, null, false)]
    public void A_permission_held_over_a_unit_is_passed_on_only_inside_that_unit(GrantScope scope, string? unitPath, bool allowed)
    {
        var admin = new Actor(ActorId, Rank.Admin, null);
        var holdings = HoldingsOf(admin, Role(GrantScope.Unit, UnitA, AppKey));
        Assert.Equal(allowed, Delegation.CheckRoleGrant(admin, holdings, Member(), [AppKey], scope, unitPath).Allowed);
    }

    [Fact]
    public void A_permission_held_over_own_records_is_passed_on_nowhere()
    {
        var admin = new Actor(ActorId, Rank.Admin, null);
        var holdings = HoldingsOf(admin, Role(GrantScope.Own, null, AppKey));
        Assert.All(new[] { GrantScope.Organization, GrantScope.Own },
            scope => Assert.False(Delegation.CheckRoleGrant(admin, holdings, Member(), [AppKey], scope, null).Allowed));
    }

    [Theory]
    [InlineData(GrantScope.Unit, UnitA, true)]
    [InlineData(GrantScope.Unit, UnitAChild, true)]
    [InlineData(GrantScope.Unit, UnitC, false)]
    [InlineData(GrantScope.Organization, null, false)]
    [InlineData(GrantScope.Own, null, false)]
    public void A_unit_manager_grants_only_unit_scopes_inside_their_subtree(GrantScope scope, string? unitPath, bool allowed)
    {
        var manager = new Actor(ActorId, Rank.Manager, UnitA);
        var decision = Delegation.CheckRoleGrant(manager, HoldingsOf(manager), Member(Rank.Member, UnitAChild), [Permissions.GroupsPost], scope, unitPath);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void A_unit_manager_grants_nothing_to_members_outside_their_subtree()
    {
        var manager = new Actor(ActorId, Rank.Manager, UnitA);
        Assert.False(Delegation.CheckRoleGrant(manager, HoldingsOf(manager), Member(Rank.Member, UnitC), [Permissions.GroupsPost], GrantScope.Unit, UnitA).Allowed);
    }

    [Fact]
    public void Nobody_grants_themselves_a_role()
    {
        var owner = new Actor(ActorId, Rank.Owner, null);
        Assert.False(Delegation.CheckRoleGrant(owner, HoldingsOf(owner), new Target(ActorId, Rank.Owner, []), [AppKey], GrantScope.Organization, null).Allowed);
    }

    [Fact]
    public void Platform_administrators_grant_any_role_anywhere()
    {
        var admin = Actor.PlatformAdministrator(ActorId);
        Assert.True(Delegation.CheckRoleGrant(admin, [], Member(Rank.Admin), [AppKey], GrantScope.Organization, null).Allowed);
    }

    [Theory]
    [InlineData(Rank.Admin, new[] { Permissions.OrgSettings }, new Rank[0], true)]
    [InlineData(Rank.Admin, new[] { AppKey }, new Rank[0], false)]
    [InlineData(Rank.Owner, new[] { AppKey }, new Rank[0], true)]
    [InlineData(Rank.Admin, new string[0], new[] { Rank.Manager, Rank.Member }, true)]
    [InlineData(Rank.Admin, new string[0], new[] { Rank.Admin }, false)]
    [InlineData(Rank.Admin, new string[0], new[] { Rank.Owner }, false)]
    [InlineData(Rank.Owner, new string[0], new[] { Rank.Admin }, true)]
    [InlineData(Rank.Viewer, new[] { Permissions.GroupsPost }, new Rank[0], false)]
    public void A_role_gets_only_what_its_author_holds_and_nobody_changes_the_roles_of_those_above(
        Rank actorRank, string[] added, Rank[] holders, bool allowed)
    {
        var actor = new Actor(ActorId, actorRank, null);
        Assert.Equal(allowed, Delegation.CheckRoleDefinition(actor, HoldingsOf(actor), added, holders).Allowed);
    }

    [Fact]
    public void A_role_gets_a_permission_its_author_holds_only_over_a_unit_nowhere()
    {
        var admin = new Actor(ActorId, Rank.Admin, null);
        Assert.False(Delegation.CheckRoleDefinition(admin, HoldingsOf(admin, Role(GrantScope.Unit, UnitA, AppKey)), [AppKey], []).Allowed);
        Assert.True(Delegation.CheckRoleDefinition(admin, HoldingsOf(admin, Role(GrantScope.Organization, null, AppKey)), [AppKey], []).Allowed);
    }

    [Theory]
    [InlineData(GrantScope.Organization, null, GrantScope.Organization, null, true)]
    [InlineData(GrantScope.Organization, null, GrantScope.Own, null, true)]
    [InlineData(GrantScope.Unit, UnitA, GrantScope.Unit, UnitAChild, true)]
    [InlineData(GrantScope.Unit, UnitAChild, GrantScope.Unit, UnitA, false)]
    [InlineData(GrantScope.Unit, UnitA, GrantScope.Organization, null, false)]
    [InlineData(GrantScope.Own, null, GrantScope.Own, null, false)]
    public void Holdings_reach_as_far_as_their_scope(GrantScope held, string? heldPath, GrantScope wanted, string? wantedPath, bool covers) =>
        Assert.Equal(covers, Role(held, heldPath, AppKey).Covers(wanted, wantedPath));

    [Fact]
    public void The_owner_holds_every_permission_and_the_other_ranks_their_built_in_sets()
    {
        Assert.True(Permissions.RankHolds(Rank.Owner, AppKey));
        Assert.False(Permissions.RankHolds(Rank.Admin, AppKey));
        Assert.True(Permissions.RankHolds(Rank.Admin, Permissions.OrgSettings));
        Assert.False(Permissions.RankHolds(Rank.Manager, Permissions.OrgSettings));
        Assert.True(Holding.OfRank(new Actor(ActorId, Rank.Owner, null)).Includes(AppKey));
    }
}
