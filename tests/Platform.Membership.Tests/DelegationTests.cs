using Platform.Membership.Model;
using Platform.Membership.Model.Access;

namespace Platform.Membership.Tests;

/// <summary>The delegation matrix: actor rank × target rank × action, every cell stated.</summary>
public sealed class DelegationTests
{
    private static readonly Guid ActorId = Guid.NewGuid();
    private const string UnitA = "/a/";
    private const string UnitAChild = "/a/b/";
    private const string UnitC = "/c/";

    public static TheoryData<Rank, Rank, AdminAction, bool> Matrix()
    {
        var data = new TheoryData<Rank, Rank, AdminAction, bool>();
        AdminAction[] onMembers = [AdminAction.ChangeMember, AdminAction.Suspend, AdminAction.Remove, AdminAction.ManageAccount];
        foreach (var actor in Enum.GetValues<Rank>())
        foreach (var target in Enum.GetValues<Rank>())
        foreach (var action in onMembers)
        {
            // Only managers and above administer, and only people strictly below them.
            data.Add(actor, target, action, actor >= Rank.Manager && target < actor);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Organization_wide_ranks_act_only_on_lower_ranks(Rank actorRank, Rank targetRank, AdminAction action, bool allowed)
    {
        var decision = Delegation.Check(new Actor(ActorId, actorRank, null), action, new Target(Guid.NewGuid(), targetRank, [UnitA]));
        Assert.Equal(allowed, decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Theory]
    [InlineData(Rank.Owner, Rank.Admin, true)]
    [InlineData(Rank.Owner, Rank.Owner, false)]
    [InlineData(Rank.Admin, Rank.Manager, true)]
    [InlineData(Rank.Admin, Rank.Admin, false)]
    [InlineData(Rank.Manager, Rank.Member, true)]
    [InlineData(Rank.Manager, Rank.Manager, false)]
    [InlineData(Rank.Member, Rank.Viewer, false)]
    public void Nobody_grants_a_rank_at_or_above_their_own(Rank actorRank, Rank granted, bool allowed) =>
        Assert.Equal(allowed, Delegation.Check(new Actor(ActorId, actorRank, null), AdminAction.GrantRank, new Target(Guid.NewGuid(), Rank.Viewer, []), granted).Allowed);

    [Theory]
    [InlineData(Rank.Owner, Rank.Admin, true)]
    [InlineData(Rank.Admin, Rank.Manager, true)]
    [InlineData(Rank.Admin, Rank.Admin, false)]
    [InlineData(Rank.Manager, Rank.Member, true)]
    [InlineData(Rank.Manager, Rank.Manager, false)]
    [InlineData(Rank.Member, Rank.Viewer, false)]
    [InlineData(Rank.Viewer, Rank.Viewer, false)]
    public void Invitations_follow_the_same_ceiling(Rank actorRank, Rank invitedAs, bool allowed) =>
        Assert.Equal(allowed, Delegation.Check(new Actor(ActorId, actorRank, null), AdminAction.Invite, grantedRank: invitedAs).Allowed);

    [Theory]
    [InlineData(UnitA, true)]
    [InlineData(UnitAChild, true)]
    [InlineData(UnitC, false)]
    public void A_unit_manager_acts_only_inside_their_subtree(string targetUnit, bool allowed)
    {
        var manager = new Actor(ActorId, Rank.Manager, UnitA);
        Assert.Equal(allowed, Delegation.Check(manager, AdminAction.Suspend, new Target(Guid.NewGuid(), Rank.Member, [targetUnit])).Allowed);
    }

    [Fact]
    public void A_unit_manager_cannot_bring_new_people_into_the_organization()
    {
        var decision = Delegation.Check(new Actor(ActorId, Rank.Manager, UnitA), AdminAction.Invite, grantedRank: Rank.Member);
        Assert.False(decision.Allowed);
        Assert.Contains("new people", decision.Reason);
    }

    [Fact]
    public void A_member_in_no_unit_is_outside_every_unit_manager() =>
        Assert.False(Delegation.Check(new Actor(ActorId, Rank.Manager, UnitA), AdminAction.ChangeMember, new Target(Guid.NewGuid(), Rank.Member, [])).Allowed);

    [Fact]
    public void Nobody_acts_on_themselves() =>
        Assert.False(Delegation.Check(new Actor(ActorId, Rank.Owner, null), AdminAction.Suspend, new Target(ActorId, Rank.Member, [])).Allowed);

    [Theory]
    [InlineData(Rank.Owner)]
    [InlineData(Rank.Admin)]
    public void Platform_administrators_may_do_everything(Rank targetRank) =>
        Assert.True(Delegation.Check(Actor.PlatformAdministrator(ActorId), AdminAction.Remove, new Target(Guid.NewGuid(), targetRank, [])).Allowed);
}
