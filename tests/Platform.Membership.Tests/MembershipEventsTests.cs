using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Testing;

namespace Platform.Membership.Tests;

/// <summary>The events other services follow membership by: units, members' units and the security settings.</summary>
public sealed class MembershipEventsTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task Creating_renaming_moving_and_deleting_a_unit_each_publish_their_event()
    {
        await using var created = await Collect<UnitCreated>();
        await using var renamed = await Collect<UnitRenamed>();
        await using var moved = await Collect<UnitMoved>();
        await using var deleted = await Collect<UnitDeleted>();
        var (org, owner) = await given.OrganizationAsync();
        var client = given.Client(owner);

        var north = await given.UnitAsync(org, owner, "North");
        var team = await given.UnitAsync(org, owner, "Team A", parentId: north);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/organizations/{org}/units/{team}", new { name = "Team B", label = "team", customFields = new { } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/organizations/{org}/units/{team}/move", new { parentId = (Guid?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/organizations/{org}/units/{team}")).StatusCode);

        var child = (await created.WaitForAsync(e => e.UnitId == team)).Message;
        Assert.Equal((org, north, "Team A", "branch"), (child.OrganizationId, child.ParentUnitId, child.Name, child.Label));
        Assert.Null((await created.WaitForAsync(e => e.UnitId == north)).Message.ParentUnitId);
        var rename = (await renamed.WaitForAsync(e => e.UnitId == team)).Message;
        Assert.Equal(("Team B", "team"), (rename.Name, rename.Label));
        Assert.Null((await moved.WaitForAsync(e => e.UnitId == team)).Message.ParentUnitId);
        Assert.Equal(org, (await deleted.WaitForAsync(e => e.UnitId == team)).Message.OrganizationId);
    }

    [Fact]
    public async Task A_units_custom_fields_are_published_when_it_is_created_and_whenever_they_change()
    {
        await using var created = await Collect<UnitCreated>();
        await using var changed = await Collect<UnitCustomFieldsChanged>();
        var (org, owner) = await given.OrganizationAsync();
        var client = given.Client(owner);
        await client.PatchMergeAsync($"/organizations/{org}/settings", new { unitCustomFields = new[] { new { key = "code", label = "Branch code" } } });

        var response = await client.PostAsJsonAsync($"/organizations/{org}/units", new { name = "North", customFields = new { code = "N-1" } });
        var north = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/organizations/{org}/units/{north}", new { name = "North", customFields = new { code = "N-1" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/organizations/{org}/units/{north}", new { name = "North", customFields = new { code = "N-2" } })).StatusCode);

        Assert.Equal("N-1", (await created.WaitForAsync(e => e.UnitId == north)).Message.CustomFields!["code"]);
        Assert.Equal("N-2", (await changed.WaitForAsync(e => e.UnitId == north)).Message.CustomFields["code"]);
        Assert.Equal(1, await OutboxCountAsync(nameof(UnitCustomFieldsChanged), org)); // the unchanged PUT published nothing
        Assert.Equal(0, await OutboxCountAsync(nameof(UnitRenamed), org));
    }

    [Fact]
    public async Task A_refused_unit_change_publishes_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var member = await given.MemberAsync(org, owner, "member", unitIds: [north]);
        var client = given.Client(owner);

        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/organizations/{org}/units/{north}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(member).PutAsJsonAsync($"/organizations/{org}/units/{north}", new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/organizations/{org}/units/{north}/move", new { parentId = north })).StatusCode);

        Assert.Equal(0, await OutboxCountAsync(nameof(UnitDeleted), org));
        Assert.Equal(0, await OutboxCountAsync(nameof(UnitRenamed), org));
        Assert.Equal(0, await OutboxCountAsync(nameof(UnitMoved), org));
    }

    [Fact]
    public async Task A_members_units_are_published_complete_when_granted_changed_and_accepted_from_an_invitation()
    {
        await using var changes = await Collect<MemberUnitsChanged>();
        await using var invited = await Collect<InvitationCreated>();
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var south = await given.UnitAsync(org, owner, "South");

        var member = await given.MemberAsync(org, owner, "member", unitIds: [north]);
        Assert.Equal([north], (await changes.WaitForAsync(e => e.UserId == member)).Message.UnitIds);

        var client = given.Client(owner);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchMergeAsync($"/organizations/{org}/members/{member}", new { unitIds = new[] { north, south } })).StatusCode);
        var both = (await changes.WaitForAsync(e => e.UserId == member && e.UnitIds.Count == 2)).Message;
        Assert.Equal(Scenario.Sorted(north, south), both.UnitIds.Order().ToList());
        var stored = await given.WithDbAsync(db => db.Members.Where(m => m.OrganizationId == org && m.UserId == member).SelectMany(m => m.Units).Select(u => u.UnitId).ToListAsync());
        Assert.Equal(Scenario.Sorted(north, south), stored.Order().ToList());
        Assert.Equal(HttpStatusCode.OK, (await client.PatchMergeAsync($"/organizations/{org}/members/{member}", new { unitIds = Array.Empty<Guid>() })).StatusCode);
        await changes.WaitForAsync(e => e.UserId == member && e.UnitIds.Count == 0);
        // The same units again, or a change of something else, is no change of units.
        Assert.Equal(HttpStatusCode.OK, (await client.PatchMergeAsync($"/organizations/{org}/members/{member}", new { unitIds = Array.Empty<Guid>(), rank = "viewer" })).StatusCode);
        Assert.Equal(3, await OutboxCountAsync(nameof(MemberUnitsChanged), org, member));

        var withoutUnits = await given.MemberAsync(org, owner, "member");
        Assert.Equal(0, await OutboxCountAsync(nameof(MemberUnitsChanged), org, withoutUnits));

        var person = await given.UserAsync();
        var invitation = await client.PostAsJsonAsync($"/organizations/{org}/invitations", new { emails = new[] { $"person-{person:N}@example.com" }, rank = "member", unitIds = new[] { south } });
        var invitationId = (await invitation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("invitationId").GetGuid();
        var token = (await invited.WaitForAsync(e => e.InvitationId == invitationId)).Message.Token;
        Assert.Equal(HttpStatusCode.OK, (await given.Client(person).PostAsJsonAsync("/invitations/accept", new { token })).StatusCode);
        Assert.Equal([south], (await changes.WaitForAsync(e => e.UserId == person)).Message.UnitIds);
    }

    [Fact]
    public async Task The_security_settings_are_published_at_creation_and_on_each_change_by_an_owner_or_admin()
    {
        await using var security = await Collect<OrganizationSecurityChanged>();
        var (org, owner) = await given.OrganizationAsync();
        var initial = (await security.WaitForAsync(e => e.OrganizationId == org)).Message;
        Assert.Equal((false, false, owner), (initial.RequireTwoFactor, initial.AdminsMayImpersonate, initial.ActorId!.Value));

        var admin = await given.MemberAsync(org, owner, "admin");
        var changed = await given.Client(admin).PatchMergeAsync($"/organizations/{org}/settings", new { requireTwoFactor = true });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var body = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("requireTwoFactor").GetBoolean());
        Assert.False(body.GetProperty("adminsMayImpersonate").GetBoolean());
        var published = (await security.WaitForAsync(e => e.OrganizationId == org && e.RequireTwoFactor)).Message;
        Assert.Equal((false, admin), (published.AdminsMayImpersonate, published.ActorId!.Value));

        // Settings sent without the security fields leave them as they are, and publish nothing.
        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { minimumRankToInvite = "admin" })).StatusCode);
        var read = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}");
        Assert.True(read.GetProperty("requireTwoFactor").GetBoolean());
        Assert.Equal(2, await OutboxCountAsync(nameof(OrganizationSecurityChanged), org));
    }

    [Fact]
    public async Task A_manager_holding_org_settings_through_a_role_still_cannot_change_security_and_changes_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        var manager = await given.MemberAsync(org, owner, "manager");
        var role = await given.RoleAsync(org, owner, "Settings keeper", "org.settings");
        await given.GrantedAsync(org, owner, manager, role);
        var client = given.Client(manager);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchMergeAsync($"/organizations/{org}/settings", new { minimumRankToInvite = "manager" })).StatusCode);

        var refused = await client.PatchMergeAsync($"/organizations/{org}/settings", new { minimumRankToInvite = "admin", adminsMayImpersonate = true });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("owner or an admin", await refused.Content.ReadAsStringAsync());
        var read = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}");
        Assert.False(read.GetProperty("adminsMayImpersonate").GetBoolean());
        Assert.Equal("manager", read.GetProperty("minimumRankToInvite").GetString());
        Assert.Equal(1, await OutboxCountAsync(nameof(OrganizationSecurityChanged), org));
    }

    private Task<EventCollector<T>> Collect<T>() where T : class =>
        EventCollector<T>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);

    private async Task<int> OutboxCountAsync(string eventName, Guid org, Guid? userId = null)
    {
        var bodies = await given.WithDbAsync(db => db.Set<Platform.ServiceDefaults.Messaging.OutboxMessage>()
            .Where(m => m.MessageType.Contains("." + eventName + ",")).Select(m => m.Body).ToListAsync());
        return bodies.Count(body => body.Contains(org.ToString()) && (userId is null || body.Contains(userId.Value.ToString())));
    }
}
