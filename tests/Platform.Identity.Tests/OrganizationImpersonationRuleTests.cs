using Platform.Identity.Model;

namespace Platform.Identity.Tests;

/// <summary>Who may impersonate whom inside an organization, as a table: actor rank x target rank, and the organization's settings.</summary>
public sealed class OrganizationImpersonationRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrganizationId = Guid.NewGuid();

    public static TheoryData<OrganizationRank, OrganizationRank, bool> Ranks() => RankPairs.AdministratorOverLowerRank();

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Only_owners_and_admins_impersonate_and_only_members_of_strictly_lower_rank(OrganizationRank actorRank, OrganizationRank targetRank, bool allowed)
    {
        var refusal = Member(actorRank).RefusalToImpersonate(Member(targetRank), Organization());

        Assert.Equal(allowed, refusal is null);
    }

    [Fact]
    public void A_member_who_also_belongs_to_another_organization_is_left_to_platform_administrators()
    {
        var refusal = Member(OrganizationRank.Owner).RefusalToImpersonate(Member(OrganizationRank.Member), Organization(), targetBelongsElsewhere: true);

        Assert.Contains("other organizations", refusal);
    }

    [Fact]
    public void Nobody_impersonates_when_the_organization_does_not_allow_it_or_is_archived()
    {
        var notAllowed = KnownOrganization.Learn(OrganizationId);
        notAllowed.ChangeSecurity(requireTwoFactor: false, adminsMayImpersonate: false, T0);
        var archived = Organization();
        archived.Archive(T0);

        Assert.Contains("does not allow", Member(OrganizationRank.Owner).RefusalToImpersonate(Member(OrganizationRank.Member), notAllowed));
        Assert.Contains("archived", Member(OrganizationRank.Owner).RefusalToImpersonate(Member(OrganizationRank.Member), archived));
    }

    [Fact]
    public void Members_of_another_organization_revoked_or_suspended_members_and_suspended_admins_are_refused()
    {
        var otherOrganization = OrganizationMembership.Learn(Guid.NewGuid(), Guid.NewGuid());
        otherOrganization.Grant(OrganizationRank.Viewer, T0);
        var revoked = Member(OrganizationRank.Member);
        revoked.Revoke(T0.AddMinutes(1));
        var suspendedAdmin = Member(OrganizationRank.Admin);
        suspendedAdmin.ChangeState(suspended: true, T0.AddMinutes(1));

        Assert.NotNull(Member(OrganizationRank.Admin).RefusalToImpersonate(otherOrganization, Organization()));
        Assert.NotNull(Member(OrganizationRank.Admin).RefusalToImpersonate(null, Organization()));
        Assert.NotNull(Member(OrganizationRank.Admin).RefusalToImpersonate(revoked, Organization()));
        Assert.NotNull(suspendedAdmin.RefusalToImpersonate(Member(OrganizationRank.Member), Organization()));
    }

    private static OrganizationMembership Member(OrganizationRank rank)
    {
        var membership = OrganizationMembership.Learn(OrganizationId, Guid.NewGuid());
        membership.Grant(rank, T0);
        return membership;
    }

    private static KnownOrganization Organization()
    {
        var organization = KnownOrganization.Learn(OrganizationId);
        organization.ChangeSecurity(requireTwoFactor: false, adminsMayImpersonate: true, T0);
        return organization;
    }
}
