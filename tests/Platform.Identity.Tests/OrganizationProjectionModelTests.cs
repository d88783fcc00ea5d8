using Platform.Identity.Model;

namespace Platform.Identity.Tests;

/// <summary>Identity's copy of memberships: events applied in any order end in the same state.</summary>
public sealed class OrganizationProjectionModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Org = Guid.NewGuid();

    [Fact]
    public void A_rank_change_that_arrives_before_the_grant_is_kept()
    {
        var membership = OrganizationMembership.Learn(Org, Guid.NewGuid());

        membership.ChangeRank(OrganizationRank.Admin, T0.AddMinutes(2));
        membership.Grant(OrganizationRank.Member, T0);

        Assert.Equal(OrganizationRank.Admin, membership.Rank);
        Assert.True(membership.IsActive);
    }

    [Fact]
    public void A_late_grant_from_before_a_revocation_does_not_bring_the_membership_back_but_a_new_grant_does()
    {
        var membership = OrganizationMembership.Learn(Org, Guid.NewGuid());

        membership.Revoke(T0.AddMinutes(1));
        membership.Grant(OrganizationRank.Member, T0);
        Assert.False(membership.IsActive);

        membership.Grant(OrganizationRank.Viewer, T0.AddMinutes(2));
        Assert.True(membership.IsActive);
        Assert.Equal(OrganizationRank.Viewer, membership.Rank);
    }

    [Fact]
    public void A_suspension_is_in_force_until_a_later_reactivation()
    {
        var membership = OrganizationMembership.Learn(Org, Guid.NewGuid());
        membership.Grant(OrganizationRank.Member, T0);

        membership.ChangeState(suspended: true, T0.AddMinutes(2));
        membership.ChangeState(suspended: false, T0.AddMinutes(1)); // older, delivered late
        Assert.False(membership.IsActive);

        membership.ChangeState(suspended: false, T0.AddMinutes(3));
        Assert.True(membership.IsActive);
    }

    [Fact]
    public void Older_security_settings_do_not_overwrite_newer_ones_and_archiving_is_final()
    {
        var organization = KnownOrganization.Learn(Org);

        organization.ChangeSecurity(requireTwoFactor: true, adminsMayImpersonate: true, T0.AddMinutes(1));
        organization.ChangeSecurity(requireTwoFactor: false, adminsMayImpersonate: false, T0);
        organization.Archive(T0.AddMinutes(2));
        organization.Archive(T0.AddMinutes(3));

        Assert.True(organization.RequireTwoFactor);
        Assert.True(organization.AdminsMayImpersonate);
        Assert.Equal(T0.AddMinutes(2), organization.ArchivedAt);
    }

    [Theory]
    [InlineData("owner", OrganizationRank.Owner)]
    [InlineData("admin", OrganizationRank.Admin)]
    [InlineData("manager", OrganizationRank.Manager)]
    [InlineData("member", OrganizationRank.Member)]
    [InlineData("viewer", OrganizationRank.Viewer)]
    public void Ranks_are_the_lowercase_words_of_membership_events(string name, OrganizationRank rank)
    {
        Assert.True(OrganizationRanks.TryParse(name, out var parsed));
        Assert.Equal(rank, parsed);
        Assert.Equal(name, OrganizationRanks.Name(rank));
    }

    [Fact]
    public void An_unknown_rank_word_is_refused()
    {
        Assert.False(OrganizationRanks.TryParse("Owner", out _));
        Assert.False(OrganizationRanks.TryParse("superuser", out _));
    }
}
