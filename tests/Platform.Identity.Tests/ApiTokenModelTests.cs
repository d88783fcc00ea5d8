using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class ApiTokenModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("members.read", true)]
    [InlineData("approvals.request", true)]
    [InlineData("org-units.members.write", true)]
    [InlineData("members", false)]
    [InlineData("Members.Read", false)]
    [InlineData("members..read", false)]
    [InlineData("members.read ", false)]
    [InlineData(".members", false)]
    public void Scopes_are_lowercase_keys_joined_by_dots(string scope, bool valid) => Assert.Equal(valid, ApiToken.IsValidScope(scope));

    [Fact]
    public void A_token_expires_within_a_year_and_is_shown_once_as_plt_secret_stored_as_its_hash()
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(ApiTokenSpec.TryCreate("ci", ["members.read"], Now.AddDays(366), Now, errors));
        Assert.Contains("expiresAt", errors.Keys);

        var spec = ApiTokenSpec.TryCreate(" ci ", ["members.read", "account.read", "members.read"], Now.AddDays(30), Now, errors = [])!;
        var (token, secret) = ApiToken.IssuePersonal(Guid.CreateVersion7(), spec, Now);
        Assert.Equal("ci", token.Name);
        Assert.Equal(["account.read", "members.read"], token.Scopes);
        Assert.StartsWith("plt_", secret);
        Assert.Equal(ApiToken.Hash(secret), token.TokenHash);
        Assert.DoesNotContain(secret, token.TokenHash);
        Assert.Equal(secret[..12], token.Prefix);
        Assert.True(token.IsActive(Now));
        Assert.False(token.IsActive(Now.AddDays(30)));
    }

    [Fact]
    public void Last_use_is_recorded_at_most_once_a_minute_and_revocation_is_final()
    {
        var (token, _) = ApiToken.IssuePersonal(Guid.CreateVersion7(), new ApiTokenSpec("ci", ["members.read"], Now.AddDays(1)), Now);
        Assert.True(token.RecordUse(Now));
        Assert.False(token.RecordUse(Now.AddSeconds(59)));
        Assert.True(token.RecordUse(Now.AddSeconds(61)));

        token.Revoke(Now.AddMinutes(2));
        Assert.False(token.IsActive(Now.AddMinutes(3)));
    }

    [Fact]
    public void Platform_administrators_and_accounts_that_cannot_log_in_are_never_impersonated()
    {
        var adminId = Guid.CreateVersion7();
        var user = User.CreateByAdministrator("ada@example.com", "Ada", "Lovelace", "hash", Now);
        Assert.Null(user.RefusalToImpersonate(adminId));
        Assert.NotNull(user.RefusalToImpersonate(user.Id));
        user.Suspend();
        Assert.NotNull(user.RefusalToImpersonate(adminId));

        var admin = User.CreateByAdministrator("grace@example.com", "Grace", "Hopper", "hash", Now);
        admin.GrantPlatformAdmin();
        Assert.NotNull(admin.RefusalToImpersonate(adminId));
    }
}
