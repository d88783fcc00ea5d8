using Platform.Notifications.Model;

namespace Platform.Notifications.Tests;

/// <summary>The membership projection applies each fact by its event's time, whatever order events arrive in.</summary>
public sealed class OrganizationMemberTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("owner", true)]
    [InlineData("admin", true)]
    [InlineData("manager", false)]
    [InlineData("member", false)]
    [InlineData("viewer", false)]
    public void Owners_and_admins_administer_the_organization(string rank, bool administers)
    {
        var member = New();
        member.Grant(rank, null, T0);

        Assert.Equal(administers, member.IsAdministrator);
    }

    [Fact]
    public void An_admin_of_a_unit_does_not_administer_the_whole_organization()
    {
        var member = New();
        member.Grant("admin", Guid.NewGuid(), T0);

        Assert.False(member.IsAdministrator);
    }

    [Fact]
    public void A_role_change_that_arrives_before_the_grant_it_follows_is_kept()
    {
        var member = New();
        member.ChangeRank("admin", null, T0.AddMinutes(2));
        member.Grant("member", null, T0);

        Assert.True(member.IsMember);
        Assert.Equal("admin", member.Rank);
        Assert.True(member.IsAdministrator);
    }

    [Fact]
    public void A_suspension_is_not_undone_by_an_older_grant_or_lost_to_a_newer_role_change()
    {
        var member = New();
        member.ChangeRank("admin", null, T0.AddMinutes(3));
        member.ChangeState("suspended", T0.AddMinutes(2));
        member.Grant("admin", null, T0);

        Assert.True(member.Suspended);
        Assert.False(member.IsAdministrator);

        member.ChangeState("active", T0.AddMinutes(4));
        Assert.True(member.IsAdministrator);
    }

    [Fact]
    public void A_revocation_is_not_undone_by_a_late_grant_but_a_new_grant_restores_the_membership()
    {
        var member = New();
        member.Revoke(T0.AddMinutes(1));
        member.Grant("admin", null, T0);
        Assert.False(member.IsAdministrator);

        member.Grant("admin", null, T0.AddMinutes(5));
        Assert.True(member.IsAdministrator);
    }

    [Fact]
    public void A_transfer_makes_the_new_owner_owner_and_the_previous_one_admin()
    {
        var previous = New();
        var next = New();
        previous.Grant("owner", null, T0);
        next.Grant("member", null, T0);

        previous.StepDownAsOwner(T0.AddMinutes(1));
        next.BecomeOwner(T0.AddMinutes(1));

        Assert.Equal("admin", previous.Rank);
        Assert.Equal("owner", next.Rank);
        Assert.True(previous.IsAdministrator && next.IsAdministrator);
    }

    [Fact]
    public void A_pair_no_event_named_administers_nothing() => Assert.False(New().IsAdministrator);

    private static OrganizationMember New() => OrganizationMember.Unknown(Guid.NewGuid(), Guid.NewGuid());
}
