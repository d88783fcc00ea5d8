using Platform.Identity.Model;

namespace Platform.Identity.Tests;

/// <summary>Who may manage which account in an organization: the rank rules as a table, then the account's own conditions.</summary>
public sealed class OrganizationAccountRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrganizationId = Guid.NewGuid();

    public static TheoryData<OrganizationRank, OrganizationRank, bool> Ranks() => RankPairs.AdministratorOverLowerRank();

    [Theory]
    [MemberData(nameof(Ranks))]
    public void Only_owners_and_admins_manage_accounts_and_only_of_members_of_strictly_lower_rank(OrganizationRank actorRank, OrganizationRank targetRank, bool allowed)
    {
        var account = Managed();

        var refusal = Member(actorRank).RefusalToManage(Member(targetRank, account.Id), account, accountBelongsElsewhere: false);

        Assert.Equal(allowed, refusal is null);
        if (!allowed) Assert.False(refusal!.NotAMember);
    }

    [Fact]
    public void Only_owners_and_admins_in_force_create_accounts()
    {
        var suspendedAdmin = Member(OrganizationRank.Admin);
        suspendedAdmin.ChangeState(suspended: true, T0.AddMinutes(1));

        Assert.Null(Member(OrganizationRank.Owner).RefusalToCreateAccounts());
        Assert.Null(Member(OrganizationRank.Admin).RefusalToCreateAccounts());
        Assert.NotNull(Member(OrganizationRank.Manager).RefusalToCreateAccounts());
        Assert.NotNull(suspendedAdmin.RefusalToCreateAccounts());
    }

    [Fact]
    public void An_account_the_person_created_stays_theirs()
    {
        var account = User.Register(new Registration("ada@example.com", "a long enough passphrase", "Ada", "Lovelace"), "hash", T0);

        var refusal = Member(OrganizationRank.Owner).RefusalToManage(Member(OrganizationRank.Member, account.Id), account, accountBelongsElsewhere: false);

        Assert.Contains("did not create the account", refusal!.Reason);
    }

    [Fact]
    public void An_account_another_organization_created_is_not_this_ones()
    {
        var account = User.CreateByOrganization(Guid.NewGuid(), "ada@example.com", "Ada", "Lovelace", null, T0);

        var refusal = Member(OrganizationRank.Owner).RefusalToManage(Member(OrganizationRank.Member, account.Id), account, accountBelongsElsewhere: true);

        Assert.Contains("did not create the account", refusal!.Reason);
    }

    [Fact]
    public void A_managed_account_that_also_belongs_to_another_organization_stays_the_persons()
    {
        var account = Managed();

        var refusal = Member(OrganizationRank.Owner).RefusalToManage(Member(OrganizationRank.Member, account.Id), account, accountBelongsElsewhere: true);

        Assert.Contains("also belongs to other organizations", refusal!.Reason);
    }

    [Fact]
    public void An_invitation_into_the_organization_creates_an_account_it_manages()
    {
        var account = User.Invited("ada@example.com", T0, "Ada", "Lovelace", organizationId: OrganizationId);

        Assert.Null(Member(OrganizationRank.Admin).RefusalToManage(Member(OrganizationRank.Member, account.Id), account, accountBelongsElsewhere: false));
    }

    [Fact]
    public void A_platform_administrators_account_is_out_of_an_organizations_reach()
    {
        var account = Managed();
        account.MakePlatformAdmin();

        var refusal = Member(OrganizationRank.Owner).RefusalToManage(Member(OrganizationRank.Member, account.Id), account, accountBelongsElsewhere: false);

        Assert.Contains("platform administrator", refusal!.Reason);
    }

    [Fact]
    public void Someone_who_is_not_a_member_or_left_is_not_found()
    {
        var account = Managed();
        var left = Member(OrganizationRank.Member, account.Id);
        left.Revoke(T0.AddMinutes(1));
        var elsewhere = OrganizationMembership.Learn(Guid.NewGuid(), account.Id);
        elsewhere.Grant(OrganizationRank.Member, T0);

        foreach (var target in new[] { null, left, elsewhere })
        {
            var refusal = Member(OrganizationRank.Owner).RefusalToManage(target, account, accountBelongsElsewhere: false);
            Assert.True(refusal!.NotAMember);
        }
    }

    [Fact]
    public void A_suspended_membership_still_lets_the_owner_manage_the_account()
    {
        var account = Managed();
        var suspended = Member(OrganizationRank.Member, account.Id);
        suspended.ChangeState(suspended: true, T0.AddMinutes(1));

        Assert.Null(Member(OrganizationRank.Owner).RefusalToManage(suspended, account, accountBelongsElsewhere: false));
    }

    private static User Managed() => User.CreateByOrganization(OrganizationId, $"{Guid.NewGuid():N}@example.com", "Ada", "Lovelace", null, T0);

    private static OrganizationMembership Member(OrganizationRank rank, Guid? userId = null)
    {
        var membership = OrganizationMembership.Learn(OrganizationId, userId ?? Guid.NewGuid());
        membership.Grant(rank, T0);
        return membership;
    }
}
