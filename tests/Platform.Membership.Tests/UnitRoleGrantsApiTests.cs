using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Membership;
using Platform.Testing;

namespace Platform.Membership.Tests;

public sealed class UnitRoleGrantsApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    private Task<HttpResponseMessage> GrantToUnitAsync(Guid org, Guid actor, Guid unit, Guid roleId, string scope = "organization", Guid? unitId = null) =>
        given.Client(actor).PostAsJsonAsync($"/organizations/{org}/units/{unit}/roles", new { roleId, scope, unitId });

    [Fact]
    public async Task A_role_granted_to_a_unit_reaches_its_members_and_sub_units_and_ends_when_they_leave()
    {
        await using var granted = await EventCollector<UnitRoleGranted>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        await using var revoked = await EventCollector<UnitRoleRevoked>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var northTeam = await given.UnitAsync(org, owner, "North team", north);
        var south = await given.UnitAsync(org, owner, "South");
        var dispatch = await given.PermissionAsync("dispatch");
        var role = await given.RoleAsync(org, owner, "Dispatcher", dispatch);
        var inTeam = await given.MemberAsync(org, owner, "member", unitIds: [northTeam]);
        var inSouth = await given.MemberAsync(org, owner, "member", unitIds: [south]);

        var grant = await Scenario.IdAsync(await GrantToUnitAsync(org, owner, north, role));

        var allowed = await given.AccessAsync(org, inTeam, dispatch);
        Assert.True(allowed.GetProperty("allowed").GetBoolean());
        Assert.Equal("role Dispatcher through unit North over the whole organization", allowed.GetProperty("explanation").GetString());
        Assert.False((await given.AccessAsync(org, inSouth, dispatch)).GetProperty("allowed").GetBoolean());
        var explained = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members/{inTeam}/access");
        var through = explained.GetProperty("roles").EnumerateArray().Single();
        Assert.Equal(("North", "Dispatcher"), (through.GetProperty("throughUnitName").GetString(), through.GetProperty("roleName").GetString()));
        Assert.Contains(dispatch, explained.GetProperty("organizationWidePermissions").EnumerateArray().Select(p => p.GetString()));
        var listed = await given.Client(inSouth).GetFromJsonAsync<JsonElement>($"/organizations/{org}/units/{north}/roles");
        Assert.Equal(grant, listed.EnumerateArray().Single().GetProperty("id").GetGuid());

        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{inTeam}", new { unitIds = new[] { south } });
        var left = await given.AccessAsync(org, inTeam, dispatch);
        Assert.False(left.GetProperty("allowed").GetBoolean());
        Assert.Contains("no custom role granted to them or their units", left.GetProperty("explanation").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/units/{north}/roles/{grant}")).StatusCode);
        Assert.Empty(await given.Client(owner).GetFromJsonAsync<JsonElement[]>($"/organizations/{org}/units/{north}/roles") ?? []);
        var published = (await granted.WaitForAsync(e => e.GrantId == grant)).Message;
        Assert.Equal((org, north, role, "organization", owner), (published.OrganizationId, published.UnitId, published.RoleId, published.Scope, published.ActorId));
        Assert.Equal([dispatch], published.Permissions);
        Assert.Equal(owner, (await revoked.WaitForAsync(e => e.GrantId == grant)).Message.ActorId);
    }

    [Fact]
    public async Task A_unit_grant_over_a_unit_answers_there_only_and_deleting_the_role_revokes_it()
    {
        await using var revoked = await EventCollector<UnitRoleRevoked>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var workgroup = await given.UnitAsync(org, owner, "Finances workgroup");
        var shop = await given.UnitAsync(org, owner, "Shop");
        var elsewhere = await given.UnitAsync(org, owner, "Elsewhere");
        var role = await given.RoleAsync(org, owner, "Shop keeper", "units.manage");
        var person = await given.MemberAsync(org, owner, "member", unitIds: [workgroup]);
        var grant = await Scenario.IdAsync(await GrantToUnitAsync(org, owner, workgroup, role, "unit", shop));

        var inShop = await given.AccessAsync(org, person, "units.manage", shop);
        Assert.True(inShop.GetProperty("allowed").GetBoolean());
        Assert.Equal("role Shop keeper through unit Finances workgroup over unit Shop and its sub-units", inShop.GetProperty("explanation").GetString());
        Assert.False((await given.AccessAsync(org, person, "units.manage", elsewhere)).GetProperty("allowed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(owner).DeleteAsync($"/organizations/{org}/units/{workgroup}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/roles/{role}")).StatusCode);
        Assert.False((await given.AccessAsync(org, person, "units.manage", shop)).GetProperty("allowed").GetBoolean());
        Assert.Equal(role, (await revoked.WaitForAsync(e => e.GrantId == grant)).Message.RoleId);
    }

    [Fact]
    public async Task Unit_grants_are_refused_across_tenants_below_managers_and_outside_a_scoped_managers_subtree()
    {
        var (org, owner) = await given.OrganizationAsync();
        var (otherOrg, otherOwner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var northTeam = await given.UnitAsync(org, owner, "North team", north);
        var south = await given.UnitAsync(org, owner, "South");
        var foreignUnit = await given.UnitAsync(otherOrg, otherOwner, "Theirs");
        var role = await given.RoleAsync(org, owner, "Reader", "members.read");
        var foreignRole = await given.RoleAsync(otherOrg, otherOwner, "Their reader", "members.read");
        var member = await given.MemberAsync(org, owner, "member", unitIds: [north]);
        var scopedManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);

        Assert.Equal(HttpStatusCode.NotFound, (await GrantToUnitAsync(org, otherOwner, north, role)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(otherOwner).GetAsync($"/organizations/{org}/units/{north}/roles")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GrantToUnitAsync(org, owner, foreignUnit, role)).StatusCode);
        var foreignScope = await GrantToUnitAsync(org, owner, north, role, "unit", foreignUnit);
        Assert.Equal(HttpStatusCode.BadRequest, foreignScope.StatusCode);
        Assert.Contains("unitId", await foreignScope.Content.ReadAsStringAsync());
        var foreignRoleGrant = await GrantToUnitAsync(org, owner, north, foreignRole);
        Assert.Equal(HttpStatusCode.BadRequest, foreignRoleGrant.StatusCode);
        Assert.Contains("roleId", await foreignRoleGrant.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await GrantToUnitAsync(org, owner, north, role, "unit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GrantToUnitAsync(org, member, north, role)).StatusCode);

        var outside = await GrantToUnitAsync(org, scopedManager, south, role, "unit", south);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("inside their subtree", await outside.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await GrantToUnitAsync(org, scopedManager, northTeam, role)).StatusCode);
        var inside = await Scenario.IdAsync(await GrantToUnitAsync(org, scopedManager, northTeam, role, "unit", northTeam));
        Assert.Equal(HttpStatusCode.Conflict, (await GrantToUnitAsync(org, owner, northTeam, role, "unit", northTeam)).StatusCode);

        var byOwner = await Scenario.IdAsync(await GrantToUnitAsync(org, owner, south, role));
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(scopedManager).DeleteAsync($"/organizations/{org}/units/{south}/roles/{byOwner}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(owner).DeleteAsync($"/organizations/{org}/units/{north}/roles/{inside}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(scopedManager).DeleteAsync($"/organizations/{org}/units/{northTeam}/roles/{inside}")).StatusCode);
    }
}
