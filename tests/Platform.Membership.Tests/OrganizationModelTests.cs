using Platform.Membership.Model;
using Platform.Membership.Model.JoinRequests;

namespace Platform.Membership.Tests;

public sealed class OrganizationModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Rank.Admin, true)]
    [InlineData(Rank.Manager, true)]
    [InlineData(Rank.Member, false)]
    [InlineData(Rank.Viewer, false)]
    public void Ownership_moves_only_to_an_admin_or_manager_and_there_is_always_one_owner(Rank successorRank, bool moves)
    {
        var ownerId = Guid.NewGuid();
        var organization = Organization.Create("Co-op", "co-op", null, ownerId, Now);
        var owner = Member.Join(organization.Id, ownerId, Rank.Owner, Now);
        var successor = Member.Join(organization.Id, Guid.NewGuid(), successorRank, Now);

        var refusal = organization.TransferOwnership(owner, successor);

        Assert.Equal(moves, refusal is null);
        var members = new[] { owner, successor };
        Assert.Single(members, m => m.Rank == Rank.Owner);
        Assert.Equal(moves ? successor.UserId : ownerId, organization.OwnerId);
        if (moves) Assert.Equal(Rank.Admin, owner.Rank);
    }

    [Fact]
    public void A_suspended_manager_cannot_take_ownership()
    {
        var ownerId = Guid.NewGuid();
        var organization = Organization.Create("Co-op", "co-op", null, ownerId, Now);
        var successor = Member.Join(organization.Id, Guid.NewGuid(), Rank.Manager, Now);
        successor.Suspend();
        Assert.NotNull(organization.TransferOwnership(Member.Join(organization.Id, ownerId, Rank.Owner, Now), successor));
    }

    [Fact]
    public void The_owner_cannot_be_suspended() =>
        Assert.NotNull(Member.Join(Guid.NewGuid(), Guid.NewGuid(), Rank.Owner, Now).Suspend());

    [Theory]
    [InlineData("Food Co-op Nord!", "food-co-op-nord")]
    [InlineData("  Ärzte & Co ", "rzte-co")]
    public void Slugs_come_from_names(string name, string slug) => Assert.Equal(slug, Organization.SlugFrom(name));

    [Theory]
    [InlineData("ok-slug", true)]
    [InlineData("a", false)]
    [InlineData("Upper", false)]
    [InlineData("double--dash", false)]
    public void Slugs_are_checked(string slug, bool valid) => Assert.Equal(valid, Organization.IsValidSlug(slug));

    [Fact]
    public void Allowed_domains_restrict_addresses_only_when_set()
    {
        var organization = Organization.Create("Shop", "shop", null, Guid.NewGuid(), Now);
        Assert.True(organization.AllowsEmail("anyone@anywhere.org"));
        organization.UpdateSettings(Rank.Manager, ["@Example.com"], [], openToJoinRequests: false);
        Assert.True(organization.AllowsEmail("buyer@example.com"));
        Assert.False(organization.AllowsEmail("buyer@example.com.evil.org"));
    }

    [Fact]
    public void A_unit_cannot_move_under_its_own_subtree()
    {
        var organizationId = Guid.NewGuid();
        var branch = Unit.Create(organizationId, null, "North", "branch", Now);
        var team = Unit.Create(organizationId, branch, "Team 1", "team", Now);
        Assert.NotNull(branch.MoveUnder(team));
        Assert.NotNull(branch.MoveUnder(branch));
        Assert.Null(team.MoveUnder(null));
    }
    [Theory]
    [InlineData(true, false, null, null)]
    [InlineData(false, false, null, JoinRefusal.NotFound)]
    [InlineData(true, true, null, JoinRefusal.Archived)]
    [InlineData(true, false, MemberState.Active, JoinRefusal.AlreadyMember)]
    [InlineData(false, false, MemberState.Active, JoinRefusal.AlreadyMember)]
    [InlineData(true, false, MemberState.Suspended, JoinRefusal.Suspended)]
    public void Only_an_open_active_organization_takes_join_requests_and_only_from_people_outside_it(
        bool open, bool archived, MemberState? membership, JoinRefusal? expected)
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        organization.UpdateSettings(Rank.Manager, [], [], openToJoinRequests: open);
        if (archived) organization.Archive(Now);
        var member = membership is null ? null : Member.Join(organization.Id, Guid.NewGuid(), Rank.Member, Now);
        if (membership == MemberState.Suspended) member!.Suspend();

        Assert.Equal(expected, organization.RefuseJoinRequest(member));
    }

    [Fact]
    public void A_units_custom_fields_take_only_the_organizations_unit_fields_with_every_required_one()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        organization.UpdateSettings(Rank.Manager, [], [new CustomFieldDefinition("techId", "Tech")], openToJoinRequests: false,
            [new CustomFieldDefinition("contact", "Contact person", Required: true), new CustomFieldDefinition("code", "Branch code")]);
        var unit = Unit.Create(organization.Id, null, "Tuesday group", "order group", Now);

        Assert.Equal(("contact", "The organization requires 'Contact person'."), unit.SetCustomFields(organization, new Dictionary<string, string> { ["code"] = "B-7" }).Refusal);
        Assert.Equal("contact", unit.SetCustomFields(organization, new Dictionary<string, string> { ["contact"] = "  " }).Refusal?.Key);
        Assert.Equal("techId", unit.SetCustomFields(organization, new Dictionary<string, string> { ["contact"] = "Ada", ["techId"] = "T-1" }).Refusal?.Key);
        Assert.Equal("code", unit.SetCustomFields(organization, new Dictionary<string, string> { ["contact"] = "Ada", ["code"] = "B\n7" }).Refusal?.Key);
        Assert.Empty(unit.CustomFields);

        var first = unit.SetCustomFields(organization, new Dictionary<string, string> { ["contact"] = " Ada ", ["code"] = "" });
        Assert.Equal((null, true), (first.Refusal?.Key, first.Changed));
        Assert.Equal(new Dictionary<string, string> { ["contact"] = "Ada" }, unit.CustomFields);
        var same = unit.SetCustomFields(organization, new Dictionary<string, string> { ["contact"] = "Ada" });
        Assert.Equal((null, false), (same.Refusal?.Key, same.Changed));
    }

    [Fact]
    public void A_pending_join_request_lets_only_a_retry_with_its_key_through_until_its_filing_is_abandoned()
    {
        var claim = PendingJoinRequest.Claim(Guid.NewGuid(), Guid.NewGuid(), "key-1", Now);

        Assert.True(claim.IsRetryOf("key-1"));
        Assert.False(claim.IsRetryOf("key-2"));
        Assert.False(claim.IsRetryOf(null));
        Assert.False(claim.IsAbandonedAt(Now + PendingJoinRequest.FilingTimeout));
        Assert.True(claim.IsAbandonedAt(Now + PendingJoinRequest.FilingTimeout + TimeSpan.FromSeconds(1)));
        Assert.Contains("being filed", claim.Refusal("Co-op"));
        Assert.False(PendingJoinRequest.Claim(Guid.NewGuid(), Guid.NewGuid(), null, Now).IsRetryOf(null));
    }
}
