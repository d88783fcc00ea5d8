using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Membership.Model;

namespace Platform.Membership.Tests;

public sealed class AccessReviewApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task The_review_lists_administrators_ranks_and_roles_where_they_apply_and_last_logins()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var admin = await given.MemberAsync(org, owner, "admin");
        var manager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north);
        var member = await given.MemberAsync(org, owner, "member");
        var dispatcher = await given.RoleAsync(org, owner, "Dispatcher", Permissions.ApprovalsDecide);
        await given.GrantedAsync(org, owner, member, dispatcher, "unit", north);
        var lastLogin = DateTimeOffset.UtcNow.AddHours(-2);
        await given.ChangeUserAsync(member, u => u.RecordLogin(lastLogin));

        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(manager).GetAsync($"/organizations/{org}/access-review")).StatusCode);
        var review = await given.Client(admin).GetFromJsonAsync<JsonElement>($"/organizations/{org}/access-review");

        Assert.Equal([(owner, "owner"), (admin, "admin")],
            review.GetProperty("administrators").EnumerateArray().Select(a => (a.GetProperty("userId").GetGuid(), a.GetProperty("rank").GetString())));
        var members = review.GetProperty("members");
        Assert.Equal(4, members.GetProperty("total").GetInt32());
        var rows = members.GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("userId").GetGuid());
        Assert.Equal("North", rows[manager].GetProperty("scopeUnitName").GetString());
        var role = rows[member].GetProperty("roles").EnumerateArray().Single();
        Assert.Equal(("Dispatcher", "unit", "North"), (role.GetProperty("roleName").GetString(), role.GetProperty("scope").GetString(), role.GetProperty("unitName").GetString()));
        Assert.Equal(lastLogin.ToUnixTimeSeconds(), rows[member].GetProperty("lastLoginAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(JsonValueKind.Null, rows[admin].GetProperty("lastLoginAt").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await given.PlatformAdmin().GetAsync($"/organizations/{org}/access-review")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.Client(owner).GetAsync($"/organizations/{org}/access-review?inactiveDays=0")).StatusCode);
    }

    [Fact]
    public async Task Inactive_members_are_those_without_a_login_for_the_days_asked()
    {
        var (org, owner) = await given.OrganizationAsync();
        var recent = await given.MemberAsync(org, owner, "member");
        var dormant = await given.MemberAsync(org, owner, "member");
        var neverSeen = await given.MemberAsync(org, owner, "member");
        await given.ChangeUserAsync(recent, u => u.RecordLogin(DateTimeOffset.UtcNow.AddDays(-1)));
        await given.ChangeUserAsync(dormant, u => u.RecordLogin(DateTimeOffset.UtcNow.AddDays(-60)));

        var review = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/access-review?inactiveDays=30");

        Assert.Equal(30, review.GetProperty("inactiveDays").GetInt32());
        // The one who joined today has had no chance to be inactive for 30 days yet.
        Assert.Equal([dormant], review.GetProperty("members").GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()));
        _ = neverSeen;
    }

    [Fact]
    public async Task Explaining_access_lists_every_rank_and_role_grant_with_the_permissions_it_gives()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var member = await given.MemberAsync(org, owner, "member");
        var other = await given.MemberAsync(org, owner, "member");
        var appKey = await given.PermissionAsync("timesheets");
        var accountant = await given.RoleAsync(org, owner, "Accountant", appKey);
        var dispatcher = await given.RoleAsync(org, owner, "Dispatcher", Permissions.ApprovalsDecide);
        await given.GrantedAsync(org, owner, member, accountant);
        await given.GrantedAsync(org, owner, member, dispatcher, "unit", north);

        var access = await given.Client(member).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members/{member}/access");

        var rank = access.GetProperty("rank");
        Assert.Equal("rank member over the whole organization", rank.GetProperty("explanation").GetString());
        Assert.Equal(Permissions.OfRank(Rank.Member).Order(), rank.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!));
        var roles = access.GetProperty("roles").EnumerateArray().ToDictionary(r => r.GetProperty("roleName").GetString()!);
        Assert.Equal("role Accountant over the whole organization", roles["Accountant"].GetProperty("explanation").GetString());
        Assert.Equal("role Dispatcher over unit North and its sub-units", roles["Dispatcher"].GetProperty("explanation").GetString());
        Assert.Equal([Permissions.ApprovalsDecide], roles["Dispatcher"].GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var everywhere = access.GetProperty("organizationWidePermissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains(appKey, everywhere);
        Assert.DoesNotContain(Permissions.ApprovalsDecide, everywhere);

        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(other).GetAsync($"/organizations/{org}/members/{member}/access")).StatusCode);
        var ownerAccess = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members/{owner}/access");
        Assert.Contains(appKey, ownerAccess.GetProperty("rank").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(owner).GetAsync($"/organizations/{org}/members/{Guid.NewGuid()}/access")).StatusCode);
    }
}
