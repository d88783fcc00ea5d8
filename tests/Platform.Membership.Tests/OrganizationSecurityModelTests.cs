using Platform.Membership.Model;
using Platform.Membership.Model.Access;

namespace Platform.Membership.Tests;

public sealed class OrganizationSecurityModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_organization_requires_no_second_factor_and_allows_no_impersonation()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        Assert.False(organization.RequireTwoFactor);
        Assert.False(organization.AdminsMayImpersonate);
    }

    [Theory]
    [InlineData(Rank.Owner, null, true)]
    [InlineData(Rank.Admin, null, true)]
    [InlineData(Rank.Admin, "/unit/", false)]
    [InlineData(Rank.Manager, null, false)]
    [InlineData(Rank.Member, null, false)]
    [InlineData(Rank.Viewer, null, false)]
    public void Only_the_owner_or_an_organization_admin_changes_the_security_settings(Rank rank, string? scopePath, bool allowed)
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);

        var refusal = organization.ChangeSecurity(new Actor(Guid.NewGuid(), rank, scopePath), requireTwoFactor: true, adminsMayImpersonate: true, out var changed);

        Assert.Equal(allowed, refusal is null);
        Assert.Equal(allowed, changed);
        Assert.Equal(allowed, organization.RequireTwoFactor);
        Assert.Equal(allowed, organization.AdminsMayImpersonate);
    }

    [Fact]
    public void A_platform_administrator_changes_them_too()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        Assert.Null(organization.ChangeSecurity(Actor.PlatformAdministrator(Guid.NewGuid()), true, null, out var changed));
        Assert.True(changed);
        Assert.True(organization.RequireTwoFactor);
        Assert.False(organization.AdminsMayImpersonate);
    }

    [Fact]
    public void Leaving_them_out_or_repeating_them_changes_nothing_and_needs_no_rank()
    {
        var organization = Organization.Create("Co-op", "co-op", null, Guid.NewGuid(), Now);
        organization.ChangeSecurity(new Actor(Guid.NewGuid(), Rank.Owner, null), true, null, out _);
        var manager = new Actor(Guid.NewGuid(), Rank.Manager, null);

        Assert.Null(organization.ChangeSecurity(manager, null, null, out var untouched));
        Assert.Null(organization.ChangeSecurity(manager, true, false, out var repeated));

        Assert.False(untouched);
        Assert.False(repeated);
        Assert.True(organization.RequireTwoFactor);
    }
}
