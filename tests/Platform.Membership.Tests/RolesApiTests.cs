using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Membership.Model;

namespace Platform.Membership.Tests;

public sealed class RolesApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task The_catalogue_holds_the_built_in_keys_and_platform_admins_register_an_apps_own()
    {
        var (_, owner) = await given.OrganizationAsync();
        var catalogue = await given.Client(owner).GetFromJsonAsync<JsonElement>("/permissions");
        var builtIn = catalogue.EnumerateArray().Where(p => p.GetProperty("builtIn").GetBoolean()).Select(p => p.GetProperty("key").GetString()!).ToHashSet();
        Assert.Equal(Permissions.BuiltIn.Select(p => p.Key).ToHashSet(), builtIn);

        var key = $"invoices.approve-{Guid.NewGuid():N}"[..30];
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(owner).PostAsJsonAsync("/permissions", new { key, description = "Approve invoices" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await given.PlatformAdmin().PostAsJsonAsync("/permissions", new { key, description = "Approve invoices" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.PlatformAdmin().PostAsJsonAsync("/permissions", new { key, description = "Again" })).StatusCode);
        var bad = await given.PlatformAdmin().PostAsJsonAsync("/permissions", new { key = "No Dots", description = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("key", out _) && errors.TryGetProperty("description", out _));

        var after = await given.Client(owner).GetFromJsonAsync<JsonElement>("/permissions");
        Assert.Contains(after.EnumerateArray(), p => p.GetProperty("key").GetString() == key && !p.GetProperty("builtIn").GetBoolean());
    }

    [Fact]
    public async Task Roles_are_defined_from_the_catalogue_by_those_who_hold_org_settings()
    {
        var (org, owner) = await given.OrganizationAsync();
        var manager = await given.MemberAsync(org, owner, "manager");
        var member = await given.MemberAsync(org, owner, "member");
        var roles = $"/organizations/{org}/roles";

        var created = await given.Client(owner).PostAsJsonAsync(roles, new { name = "Dispatcher", permissions = new[] { "approvals.decide", "members.read" } });
        var role = await Scenario.IdAsync(created);
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(owner).PostAsJsonAsync(roles, new { name = "dispatcher", permissions = Array.Empty<string>() })).StatusCode);
        var unknown = await given.Client(owner).PostAsJsonAsync(roles, new { name = "Ghost", permissions = new[] { "nothing.here" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("nothing.here", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await given.Client(owner).PostAsJsonAsync(roles, new { name = "", permissions = Array.Empty<string>() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(manager).PostAsJsonAsync(roles, new { name = "Mine", permissions = Array.Empty<string>() })).StatusCode);

        var listed = await given.Client(member).GetFromJsonAsync<JsonElement>(roles);
        Assert.Equal(["approvals.decide", "members.read"], listed.EnumerateArray().Single().GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var renamed = await given.Client(owner).PutAsJsonAsync($"{roles}/{role}", new { name = "Dispatch lead", permissions = new[] { "approvals.decide" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Dispatch lead", (await given.Client(member).GetFromJsonAsync<JsonElement>($"{roles}/{role}")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(manager).DeleteAsync($"{roles}/{role}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"{roles}/{role}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(member).GetAsync($"{roles}/{role}")).StatusCode);
    }

    [Fact]
    public async Task A_role_grant_allows_and_its_revocation_is_refused_on_the_next_call()
    {
        await using var granted = await EventCollector<RoleGranted>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        await using var revoked = await EventCollector<RoleRevoked>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var assign = await given.PermissionAsync("dispatch");
        var member = await given.MemberAsync(org, owner, "member");
        var role = await given.RoleAsync(org, owner, "Dispatcher", assign);
        Assert.False((await given.AccessAsync(org, member, assign)).GetProperty("allowed").GetBoolean());

        var grant = await given.GrantedAsync(org, owner, member, role);
        var allowed = await given.AccessAsync(org, member, assign);
        Assert.True(allowed.GetProperty("allowed").GetBoolean());
        Assert.Equal("role Dispatcher over the whole organization", allowed.GetProperty("explanation").GetString());
        Assert.Equal("organization", allowed.GetProperty("scope").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/members/{member}/roles/{grant}")).StatusCode);
        var refused = await given.AccessAsync(org, member, assign);
        Assert.False(refused.GetProperty("allowed").GetBoolean());
        Assert.Contains("no custom role", refused.GetProperty("explanation").GetString());

        var published = (await granted.WaitForAsync(e => e.GrantId == grant)).Message;
        Assert.Equal((org, member, role, "Dispatcher", "organization", owner), (published.OrganizationId, published.UserId, published.RoleId, published.RoleName, published.Scope, published.ActorId));
        Assert.Equal([assign], published.Permissions);
        Assert.Equal(owner, (await revoked.WaitForAsync(e => e.GrantId == grant)).Message.ActorId);
    }

    [Fact]
    public async Task Grants_decide_over_the_organization_a_unit_subtree_or_own_records_and_the_rank_answers_first()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var northTeam = await given.UnitAsync(org, owner, "North team", north);
        var south = await given.UnitAsync(org, owner, "South");
        var edit = await given.PermissionAsync("records");
        var dispatcher = await given.RoleAsync(org, owner, "Dispatcher", edit);
        var accountant = await given.RoleAsync(org, owner, "Accountant", edit, Permissions.ApprovalsDecide);
        var inNorth = await given.MemberAsync(org, owner, "member");
        var ownOnly = await given.MemberAsync(org, owner, "member");
        var manager = await given.MemberAsync(org, owner, "manager");
        await given.GrantedAsync(org, owner, inNorth, dispatcher, "unit", north);
        await given.GrantedAsync(org, owner, ownOnly, accountant, "own");
        await given.GrantedAsync(org, owner, manager, accountant);

        var inside = await given.AccessAsync(org, inNorth, edit, northTeam);
        Assert.True(inside.GetProperty("allowed").GetBoolean());
        Assert.Equal("role Dispatcher over unit North and its sub-units", inside.GetProperty("explanation").GetString());
        Assert.Equal("unit", inside.GetProperty("scope").GetString());
        Assert.False((await given.AccessAsync(org, inNorth, edit, south)).GetProperty("allowed").GetBoolean());
        Assert.False((await given.AccessAsync(org, inNorth, edit)).GetProperty("allowed").GetBoolean());

        var own = await given.AccessAsync(org, ownOnly, edit, ownerId: ownOnly);
        Assert.True(own.GetProperty("allowed").GetBoolean());
        Assert.Equal("role Accountant over own records", own.GetProperty("explanation").GetString());
        Assert.Equal("own", own.GetProperty("scope").GetString());
        Assert.False((await given.AccessAsync(org, ownOnly, edit, ownerId: inNorth)).GetProperty("allowed").GetBoolean());
        Assert.Contains("own records", (await given.AccessAsync(org, ownOnly, edit)).GetProperty("explanation").GetString());

        var byRank = await given.AccessAsync(org, manager, Permissions.ApprovalsDecide);
        Assert.Equal("rank manager over the whole organization", byRank.GetProperty("explanation").GetString());

        await given.GrantedAsync(org, owner, manager, dispatcher, "unit", south);
        Assert.Equal("role Accountant over the whole organization", (await given.AccessAsync(org, manager, edit, south)).GetProperty("explanation").GetString());
        var unitInUse = await given.Client(owner).DeleteAsync($"/organizations/{org}/units/{south}");
        Assert.Equal(HttpStatusCode.Conflict, unitInUse.StatusCode);
        Assert.Contains("role grant", await unitInUse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Granting_follows_the_delegation_rules()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var northTeam = await given.UnitAsync(org, owner, "North team", north);
        var south = await given.UnitAsync(org, owner, "South");
        var admin = await given.MemberAsync(org, owner, "admin");
        var manager = await given.MemberAsync(org, owner, "manager");
        var unitManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);
        var inNorth = await given.MemberAsync(org, owner, "member", unitIds: [northTeam]);
        var inSouth = await given.MemberAsync(org, owner, "member", unitIds: [south]);
        var appKey = await given.PermissionAsync("fleet");
        var reader = await given.RoleAsync(org, owner, "Reader", Permissions.MembersRead);
        var settings = await given.RoleAsync(org, owner, "Settings", Permissions.OrgSettings);
        var fleet = await given.RoleAsync(org, owner, "Fleet", appKey);

        Assert.Equal(HttpStatusCode.Created, (await given.GrantAsync(org, manager, inSouth, reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.GrantAsync(org, manager, inSouth, reader)).StatusCode);
        var notHeld = await given.GrantAsync(org, manager, inSouth, settings);
        Assert.Equal(HttpStatusCode.Forbidden, notHeld.StatusCode);
        Assert.Contains("org.settings", await notHeld.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await given.GrantAsync(org, admin, inSouth, fleet)).StatusCode);
        var fleetGrant = await given.GrantedAsync(org, owner, inSouth, fleet);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(manager).DeleteAsync($"/organizations/{org}/members/{inSouth}/roles/{fleetGrant}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.GrantAsync(org, manager, admin, reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.GrantAsync(org, inNorth, inSouth, reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.GrantAsync(org, admin, admin, reader)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await given.GrantAsync(org, unitManager, inNorth, reader, "unit", northTeam)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.GrantAsync(org, unitManager, inNorth, reader, "unit", south)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.GrantAsync(org, unitManager, inNorth, reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.GrantAsync(org, unitManager, inSouth, reader, "unit", north)).StatusCode);

        var (otherOrg, otherOwner) = await given.OrganizationAsync();
        var foreignRole = await given.RoleAsync(otherOrg, otherOwner, "Foreign", Permissions.MembersRead);
        var foreignUnit = await given.UnitAsync(otherOrg, otherOwner, "Foreign unit");
        Assert.Equal(HttpStatusCode.BadRequest, (await given.GrantAsync(org, owner, inNorth, foreignRole)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.GrantAsync(org, owner, inNorth, reader, "unit", foreignUnit)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.GrantAsync(org, owner, inNorth, reader, "unit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.GrantAsync(org, owner, inNorth, reader, "everywhere")).StatusCode);
    }

    [Fact]
    public async Task An_organization_wide_role_counts_for_the_callers_own_permission_checks()
    {
        var (org, owner) = await given.OrganizationAsync();
        var viewer = await given.MemberAsync(org, owner, "viewer");
        var unitsRole = await given.RoleAsync(org, owner, "Facilities", Permissions.UnitsManage);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(viewer).PostAsJsonAsync($"/organizations/{org}/units", new { name = "Depot" })).StatusCode);

        var grant = await given.GrantedAsync(org, owner, viewer, unitsRole);
        Assert.Equal(HttpStatusCode.Created, (await given.Client(viewer).PostAsJsonAsync($"/organizations/{org}/units", new { name = "Depot" })).StatusCode);

        await given.Client(owner).DeleteAsync($"/organizations/{org}/members/{viewer}/roles/{grant}");
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(viewer).PostAsJsonAsync($"/organizations/{org}/units", new { name = "Depot 2" })).StatusCode);
    }

    [Fact]
    public async Task Nobody_redefines_a_role_beyond_what_they_hold_or_one_held_by_someone_at_their_rank()
    {
        await using var revoked = await EventCollector<RoleRevoked>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var admin = await given.MemberAsync(org, owner, "admin");
        var otherAdmin = await given.MemberAsync(org, owner, "admin");
        var appKey = await given.PermissionAsync("payroll");
        var roles = $"/organizations/{org}/roles";

        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(admin).PostAsJsonAsync(roles, new { name = "Payroll", permissions = new[] { appKey } })).StatusCode);
        var shared = await given.RoleAsync(org, admin, "Readers", Permissions.MembersRead);
        var grant = await given.GrantedAsync(org, owner, otherAdmin, shared);

        var touch = await given.Client(admin).PutAsJsonAsync($"{roles}/{shared}", new { name = "Readers", permissions = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.Forbidden, touch.StatusCode);
        Assert.Contains("held by someone ranked admin", await touch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(admin).DeleteAsync($"{roles}/{shared}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PutAsJsonAsync($"{roles}/{shared}", new { name = "Readers", permissions = new[] { appKey } })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"{roles}/{shared}")).StatusCode);
        Assert.False(await given.WithDbAsync(db => db.RoleGrants.AnyAsync(g => g.Id == grant)));
        Assert.Equal(shared, (await revoked.WaitForAsync(e => e.GrantId == grant)).Message.RoleId);
    }

    [Fact]
    public async Task Removing_a_member_takes_their_grants_and_group_places_with_it()
    {
        var (org, owner) = await given.OrganizationAsync();
        var member = await given.MemberAsync(org, owner, "member");
        var role = await given.RoleAsync(org, owner, "Reader", Permissions.MembersRead);
        await given.GrantedAsync(org, owner, member, role);
        var group = await given.GroupAsync(org, owner, "open");
        await given.Client(member).PostAsync($"/organizations/{org}/groups/{group}/join", null);

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/members/{member}")).StatusCode);

        Assert.False(await given.WithDbAsync(db => db.RoleGrants.AnyAsync(g => g.UserId == member)));
        Assert.False(await given.WithDbAsync(db => db.GroupMembers.AnyAsync(g => g.UserId == member)));
        Assert.Equal(HttpStatusCode.Created, (await given.Client(owner).PostAsJsonAsync($"/organizations/{org}/members", new { email = $"person-{member:N}@example.com", rank = "member" })).StatusCode);
        Assert.Empty(await given.Client(owner).GetFromJsonAsync<JsonElement[]>($"/organizations/{org}/members/{member}/roles") ?? []);
    }
}
