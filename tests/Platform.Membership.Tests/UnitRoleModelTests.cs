using Platform.Membership.Application;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Tests;

/// <summary>
/// The rules for roles granted to units, the organization's own permission keys and whose memberships a
/// caller sees, without a database.
/// </summary>
public sealed class UnitRoleModelTests
{
    private const string UnitA = "/a/";
    private const string UnitAChild = "/a/b/";
    private const string UnitC = "/c/";
    private const string OwnKey = "finances.manage";

    private static List<Holding> HoldingsOf(Actor actor, params string[] organizationKeys) => [Holding.OfRank(actor, organizationKeys)];

    [Theory]
    [InlineData(Rank.Owner, true)]
    [InlineData(Rank.Admin, true)]
    [InlineData(Rank.Manager, true)]
    [InlineData(Rank.Member, false)]
    [InlineData(Rank.Viewer, false)]
    public void Managers_and_above_grant_roles_to_units(Rank rank, bool allowed)
    {
        var actor = new Actor(Guid.NewGuid(), rank, null);
        var decision = Delegation.CheckUnitRoleGrant(actor, HoldingsOf(actor), UnitA, [Permissions.MembersRead], GrantScope.Organization, null);
        Assert.Equal(allowed, decision.Allowed);
    }

    [Theory]
    [InlineData(UnitAChild, GrantScope.Unit, UnitAChild, true)]
    [InlineData(UnitA, GrantScope.Unit, UnitA, true)]
    [InlineData(UnitC, GrantScope.Unit, UnitAChild, false)]
    [InlineData(UnitAChild, GrantScope.Unit, UnitC, false)]
    [InlineData(UnitAChild, GrantScope.Organization, null, false)]
    [InlineData(UnitAChild, GrantScope.Own, null, false)]
    public void A_manager_scoped_to_a_unit_grants_only_to_units_in_their_subtree_over_units_there(
        string holder, GrantScope scope, string? scopePath, bool allowed)
    {
        var manager = new Actor(Guid.NewGuid(), Rank.Manager, UnitA);
        var decision = Delegation.CheckUnitRoleGrant(manager, HoldingsOf(manager), holder, [Permissions.MembersRead], scope, scopePath);
        Assert.Equal(allowed, decision.Allowed);
        if (!allowed) Assert.Contains("inside their subtree", decision.Reason);
    }

    [Fact]
    public void Nobody_grants_a_unit_a_permission_they_do_not_hold()
    {
        var manager = new Actor(Guid.NewGuid(), Rank.Manager, null);
        var decision = Delegation.CheckUnitRoleGrant(manager, HoldingsOf(manager), UnitA, [Permissions.OrgSettings], GrantScope.Organization, null);
        Assert.False(decision.Allowed);
        Assert.Contains(Permissions.OrgSettings, decision.Reason);
    }

    [Theory]
    [InlineData(Rank.Owner, true)]
    [InlineData(Rank.Admin, true)]
    [InlineData(Rank.Manager, false)]
    public void The_owner_and_admins_hold_the_organizations_own_keys_and_so_may_put_them_in_roles(Rank rank, bool allowed)
    {
        var actor = new Actor(Guid.NewGuid(), rank, null);
        Assert.Equal(allowed, Delegation.CheckRoleDefinition(actor, HoldingsOf(actor, OwnKey), [OwnKey], []).Allowed);
        Assert.Equal(allowed, Permissions.RankHolds(rank, OwnKey, organizationKey: true));
        Assert.Equal(rank == Rank.Owner, Permissions.RankHolds(rank, OwnKey, organizationKey: false));
    }

    [Fact]
    public void A_role_goes_only_to_a_unit_of_its_own_organization_and_a_unit_scope_names_its_unit()
    {
        var now = DateTimeOffset.UtcNow;
        var role = CustomRole.Define(Guid.NewGuid(), "Finances", "", [OwnKey], now);
        var unit = Unit.Create(role.OrganizationId, null, "Workgroup", "workgroup", now);
        var foreign = Unit.Create(Guid.NewGuid(), null, "Elsewhere", "unit", now);

        var grant = UnitRoleGrant.Create(role, unit, GrantScope.Organization, null, Guid.NewGuid(), now);
        Assert.Equal((unit.Id, role.Id, role.OrganizationId), (grant.UnitId, grant.RoleId, grant.OrganizationId));
        Assert.Throws<ArgumentException>(() => UnitRoleGrant.Create(role, foreign, GrantScope.Organization, null, Guid.NewGuid(), now));
        Assert.Throws<ArgumentException>(() => UnitRoleGrant.Create(role, unit, GrantScope.Unit, null, Guid.NewGuid(), now));
    }

    [Theory]
    [InlineData("finances.manage", "Manage the money", 0)]
    [InlineData("Finances", "Manage the money", 1)]
    [InlineData("finances.manage", "", 1)]
    [InlineData("no", "two\nlines", 2)]
    public void Keys_follow_the_catalogues_format(string key, string description, int problems) =>
        Assert.Equal(problems, PermissionDefinition.Problems(key, description).Count);

    [Fact]
    public void A_scoped_viewer_sees_themselves_and_members_of_their_units_only()
    {
        var now = DateTimeOffset.UtcNow;
        var (organization, unit, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var viewer = Member.Join(organization, Guid.NewGuid(), Rank.Viewer, now);
        var inside = Member.Join(organization, Guid.NewGuid(), Rank.Member, now);
        inside.PlaceIn([unit]);
        var outside = Member.Join(organization, Guid.NewGuid(), Rank.Member, now);
        outside.PlaceIn([other]);
        var visibility = new MemberVisibility(viewer.UserId, [unit]);

        Assert.True(visibility.Sees(viewer));
        Assert.True(visibility.Sees(inside));
        Assert.False(visibility.Sees(outside));
        Assert.True(MemberVisibility.Everyone.Sees(outside));
    }
}
