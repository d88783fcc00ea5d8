using Platform.Approvals.Model.Directory;

namespace Platform.Approvals.Tests;

/// <summary>The copies' rules for events out of order, on the model alone (the event-order tests run them through the service).</summary>
public sealed class DirectoryCopyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1), T2 = T0.AddMinutes(2), T3 = T0.AddMinutes(3);

    [Fact]
    public void A_grant_arriving_after_its_revocation_stays_revoked()
    {
        var holding = Holding();
        holding.Revoke(T2);
        holding.Grant(T1, membershipRevokedAt: null);

        Assert.False(holding.InForce);
        Assert.Equal(T2, holding.RevokedAt);
    }

    [Fact]
    public void A_grant_older_than_the_membership_revocation_ended_with_it_and_a_newer_one_did_not()
    {
        var late = Holding();
        late.Grant(T1, membershipRevokedAt: T2);
        var after = Holding();
        after.Grant(T3, membershipRevokedAt: T2);
        var held = Holding();
        held.Grant(T3, null);
        held.EndWithMembership(T2);

        Assert.Equal((false, T2), (late.InForce, late.RevokedAt));
        Assert.True(after.InForce);
        Assert.True(held.InForce);
    }

    [Fact]
    public void A_unit_list_is_taken_only_when_newer_than_the_one_held_and_than_the_latest_revocation()
    {
        var member = MemberCopy.Unknown(Guid.NewGuid(), Guid.NewGuid());

        Assert.True(member.TakeUnits(T1));
        Assert.False(member.TakeUnits(T0));
        Assert.True(member.Revoke(T2));
        Assert.False(member.TakeUnits(T1.AddSeconds(30)));
        member.Grant("member", null, T3);
        Assert.True(member.TakeUnits(T3));
        Assert.False(member.Revoke(T2.AddSeconds(30)));
        Assert.True(member.IsMember);
    }

    [Fact]
    public void A_deleted_unit_stays_deleted_and_its_name_and_parent_follow_the_newest_event()
    {
        var parent = Guid.NewGuid();
        var unit = UnitCopy.Unknown(Guid.NewGuid(), Guid.NewGuid());
        unit.Delete(T3);
        unit.Move(parent, T2);
        unit.Rename("Sales EU", T1);
        unit.Create(null, "Sales", T0);

        Assert.Equal(("Sales EU", (Guid?)parent, true), (unit.Name, unit.ParentUnitId, unit.IsDeleted));
    }

    [Fact]
    public void A_role_keeps_its_newest_name_and_stays_deleted()
    {
        var role = RoleCopy.Unknown(Guid.NewGuid(), Guid.NewGuid());
        role.LearnName("purchaser", T2);
        role.LearnName("buyer", T1);
        role.Delete(T3);
        role.LearnName("clerk", T1);

        Assert.Equal(("purchaser", true), (role.Name, role.IsDeleted));
    }

    private static RoleHolding Holding() => RoleHolding.Of(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "organization", null);
}
