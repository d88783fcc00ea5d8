using Platform.Identity.Model;

namespace Platform.Identity.Tests;

/// <summary>The platform administrator role on the account: granted only to usable accounts, never taken from the last one.</summary>
public sealed class PlatformAdministratorRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_usable_account_becomes_platform_administrator_once_and_a_second_grant_changes_nothing()
    {
        var user = User.CreateByAdministrator("grace@example.com", "Grace", "Hopper", "hash", Now);

        Assert.Equal(RoleChange.Changed, user.MakePlatformAdmin());
        Assert.Equal(RoleChange.Unchanged, user.MakePlatformAdmin());
        Assert.True(user.IsPlatformAdmin);
    }

    [Fact]
    public void A_suspended_or_archived_account_is_not_made_platform_administrator()
    {
        var suspended = User.CreateByAdministrator("s@example.com", "S", "S", "hash", Now);
        suspended.Suspend();
        var archived = User.CreateByAdministrator("a@example.com", "A", "A", "hash", Now);
        archived.Archive();

        Assert.Contains("suspended account cannot", suspended.MakePlatformAdmin().Refusal);
        Assert.Contains("archived account cannot", archived.MakePlatformAdmin().Refusal);
        Assert.False(suspended.IsPlatformAdmin || archived.IsPlatformAdmin);
    }

    [Fact]
    public void The_last_usable_platform_administrator_keeps_the_role_and_any_other_gives_it_up()
    {
        var user = User.CreateByAdministrator("grace@example.com", "Grace", "Hopper", "hash", Now);
        user.MakePlatformAdmin();

        var refused = user.RevokePlatformAdmin(otherUsableAdministrators: 0);
        Assert.False(refused.Succeeded);
        Assert.Contains("last platform administrator", refused.Refusal);
        Assert.True(user.IsPlatformAdmin);

        Assert.Equal(RoleChange.Changed, user.RevokePlatformAdmin(otherUsableAdministrators: 1));
        Assert.False(user.IsPlatformAdmin);
        Assert.Equal(RoleChange.Unchanged, user.RevokePlatformAdmin(otherUsableAdministrators: 0));
    }
}
