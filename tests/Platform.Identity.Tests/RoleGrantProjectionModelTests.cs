using Platform.Identity.Model;

namespace Platform.Identity.Tests;

/// <summary>Identity's copy of custom roles and their grants, for the organizations claim: events in any order end the same.</summary>
public sealed class RoleGrantProjectionModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Org = Guid.NewGuid();

    [Fact]
    public void A_grant_holds_in_the_membership_it_was_made_in()
    {
        var (membership, grant) = MemberWithGrant();

        Assert.True(grant.HoldsIn(membership));
    }

    [Fact]
    public void A_revocation_that_overtakes_its_grant_stays_a_revocation()
    {
        var membership = Member(T0);
        var grant = OrganizationRoleGrant.Learn(Guid.NewGuid(), Org, membership.UserId, Guid.NewGuid());

        grant.Revoke(T0.AddMinutes(2));
        grant.Grant(T0.AddMinutes(1));

        Assert.False(grant.HoldsIn(membership));
    }

    [Fact]
    public void A_role_keeps_the_latest_name_whatever_order_its_grants_and_renames_arrive_in()
    {
        var role = KnownRole.Learn(Guid.NewGuid(), Org);

        role.Rename("Treasury", T0.AddMinutes(5));
        role.Rename("Finances", T0.AddMinutes(1));
        Assert.Equal("Treasury", role.Name);

        role.Rename("Money", T0.AddMinutes(6));
        Assert.Equal("Money", role.Name);
    }

    [Fact]
    public void A_grant_ends_with_its_membership_and_does_not_come_back_when_the_person_joins_again()
    {
        var (membership, grant) = MemberWithGrant();

        membership.Revoke(T0.AddMinutes(3));
        Assert.False(grant.HoldsIn(membership));

        membership.Grant(OrganizationRank.Member, T0.AddMinutes(4));
        Assert.True(membership.IsActive);
        Assert.False(grant.HoldsIn(membership));
    }

    [Fact]
    public void A_suspended_membership_holds_no_roles_until_it_is_reactivated()
    {
        var (membership, grant) = MemberWithGrant();

        membership.ChangeState(suspended: true, T0.AddMinutes(3));
        Assert.False(grant.HoldsIn(membership));

        membership.ChangeState(suspended: false, T0.AddMinutes(4));
        Assert.True(grant.HoldsIn(membership));
    }

    [Fact]
    public void A_grant_holds_only_in_its_own_organization_and_for_its_own_member()
    {
        var (membership, _) = MemberWithGrant();
        var elsewhere = OrganizationRoleGrant.Learn(Guid.NewGuid(), Guid.NewGuid(), membership.UserId, Guid.NewGuid());
        elsewhere.Grant(T0.AddMinutes(1));
        var someoneElses = OrganizationRoleGrant.Learn(Guid.NewGuid(), Org, Guid.NewGuid(), Guid.NewGuid());
        someoneElses.Grant(T0.AddMinutes(1));

        Assert.False(elsewhere.HoldsIn(membership));
        Assert.False(someoneElses.HoldsIn(membership));
    }

    [Fact]
    public void A_long_role_name_is_cut_to_the_column()
    {
        var role = KnownRole.Learn(Guid.NewGuid(), Org);

        role.Rename(new string('x', 300), T0);

        Assert.Equal(KnownRole.MaxNameLength, role.Name.Length);
    }

    private static OrganizationMembership Member(DateTimeOffset grantedAt)
    {
        var membership = OrganizationMembership.Learn(Org, Guid.NewGuid());
        membership.Grant(OrganizationRank.Member, grantedAt);
        return membership;
    }

    private static (OrganizationMembership, OrganizationRoleGrant) MemberWithGrant()
    {
        var membership = Member(T0);
        var grant = OrganizationRoleGrant.Learn(Guid.NewGuid(), Org, membership.UserId, Guid.NewGuid());
        grant.Grant(T0.AddMinutes(1));
        return (membership, grant);
    }
}
