using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Tests;

public sealed class GroupsApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task Groups_are_created_by_unit_or_settings_managers_and_checked()
    {
        var (org, owner) = await given.OrganizationAsync();
        var manager = await given.MemberAsync(org, owner, "manager");
        var member = await given.MemberAsync(org, owner, "member");
        var groups = $"/organizations/{org}/groups";

        var created = await given.GroupAsync(org, manager, "open", name: "Order group");
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(member).PostAsJsonAsync(groups, new { name = "Mine", kind = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(owner).PostAsJsonAsync(groups, new { name = "ORDER GROUP", kind = "restricted" })).StatusCode);
        await AssertInvalidAsync(owner, groups, new { name = "X", kind = "secret" }, "kind");
        await AssertInvalidAsync(owner, groups, new { name = "X", kind = "automatic" }, "rule");
        await AssertInvalidAsync(owner, groups, new { name = "X", kind = "open", rule = new { type = "all-members" } }, "rule");
        await AssertInvalidAsync(owner, groups, new { name = "X", kind = "automatic", rule = new { type = "rank", rank = "chief" } }, "rule.rank");
        await AssertInvalidAsync(owner, groups, new { name = "X", kind = "automatic", rule = new { type = "unit", unitId = Guid.NewGuid() } }, "rule.unitId");
        await AssertInvalidAsync(owner, groups, new { name = new string('x', 101), kind = "open" }, "name");

        var listed = await given.Client(member).GetFromJsonAsync<JsonElement>(groups);
        Assert.Equal("open", listed.EnumerateArray().Single().GetProperty("kind").GetString());
        await AssertInvalidAsync(owner, $"{groups}/{created}", new { name = "Renamed", kind = "restricted" }, "kind", HttpMethod.Put);
        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PutAsJsonAsync($"{groups}/{created}", new { name = "Renamed", description = "Orders" })).StatusCode);
        Assert.Equal("Renamed", (await given.Client(member).GetFromJsonAsync<JsonElement>($"{groups}/{created}")).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(member).DeleteAsync($"{groups}/{created}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"{groups}/{created}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(member).GetAsync($"{groups}/{created}")).StatusCode);
    }

    [Fact]
    public async Task A_unit_manager_manages_only_automatic_groups_of_units_in_their_subtree()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var northTeam = await given.UnitAsync(org, owner, "North team", north);
        var south = await given.UnitAsync(org, owner, "South");
        var unitManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);
        var groups = $"/organizations/{org}/groups";

        var team = await given.GroupAsync(org, unitManager, "automatic", new { type = "unit", unitId = northTeam });
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(unitManager).PostAsJsonAsync(groups, new { name = "South", kind = "automatic", rule = new { type = "unit", unitId = south } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(unitManager).PostAsJsonAsync(groups, new { name = "All", kind = "automatic", rule = new { type = "all-members" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(unitManager).PostAsJsonAsync(groups, new { name = "Open", kind = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await given.Client(unitManager).PutAsJsonAsync($"{groups}/{team}", new { name = "Moved", rule = new { type = "unit", unitId = south } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(unitManager).DeleteAsync($"{groups}/{team}")).StatusCode);
    }

    [Fact]
    public async Task Members_join_and_leave_open_groups_themselves()
    {
        var (org, owner) = await given.OrganizationAsync();
        var member = await given.MemberAsync(org, owner, "member");
        var group = await given.GroupAsync(org, owner, "open");
        var path = $"/organizations/{org}/groups/{group}";

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(member).PostAsync($"{path}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(member).PostAsync($"{path}/join", null)).StatusCode);
        Assert.Equal(Scenario.Sorted(member), await given.GroupMembersAsync(org, member, group));
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(member).PostAsync($"{path}/leave", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(member).PostAsync($"{path}/leave", null)).StatusCode);
        Assert.Empty(await given.GroupMembersAsync(org, member, group));
    }

    [Fact]
    public async Task Restricted_groups_are_filled_by_those_who_manage_members()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var south = await given.UnitAsync(org, owner, "South");
        var manager = await given.MemberAsync(org, owner, "manager");
        var unitManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);
        var member = await given.MemberAsync(org, owner, "member", unitIds: [north]);
        var inSouth = await given.MemberAsync(org, owner, "member", unitIds: [south]);
        var group = await given.GroupAsync(org, owner, "restricted");
        var path = $"/organizations/{org}/groups/{group}";

        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(member).PostAsync($"{path}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(member).PostAsJsonAsync($"{path}/members", new { userId = inSouth })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(manager).PostAsJsonAsync($"{path}/members", new { userId = member })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(manager).PostAsJsonAsync($"{path}/members", new { userId = member })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.Client(manager).PostAsJsonAsync($"{path}/members", new { userId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(unitManager).PostAsJsonAsync($"{path}/members", new { userId = inSouth })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(member).PostAsync($"{path}/leave", null)).StatusCode);
        Assert.Equal(Scenario.Sorted(member), await given.GroupMembersAsync(org, owner, group));

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(unitManager).DeleteAsync($"{path}/members/{member}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(manager).DeleteAsync($"{path}/members/{member}")).StatusCode);
        Assert.Empty(await given.GroupMembersAsync(org, owner, group));
    }

    [Fact]
    public async Task Automatic_groups_follow_their_rule_as_memberships_change()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var northTeam = await given.UnitAsync(org, owner, "North team", north);
        var admin = await given.MemberAsync(org, owner, "admin");
        var manager = await given.MemberAsync(org, owner, "manager");
        var unitManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north);
        var member = await given.MemberAsync(org, owner, "member", unitIds: [northTeam]);
        var viewer = await given.MemberAsync(org, owner, "viewer");
        var managers = await given.GroupAsync(org, owner, "automatic", new { type = "rank", rank = "manager" });
        var northGroup = await given.GroupAsync(org, owner, "automatic", new { type = "unit", unitId = north });
        var everyone = await given.GroupAsync(org, owner, "automatic", new { type = "all-members" });

        Assert.Equal(Scenario.Sorted(owner, admin, manager, unitManager), await given.GroupMembersAsync(org, viewer, managers));
        Assert.Equal(Scenario.Sorted(unitManager, member), await given.GroupMembersAsync(org, viewer, northGroup));
        Assert.Equal(Scenario.Sorted(owner, admin, manager, unitManager, member, viewer), await given.GroupMembersAsync(org, viewer, everyone));

        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{member}", new { rank = "manager", unitIds = Array.Empty<Guid>() });
        await given.Client(owner).PostAsync($"/organizations/{org}/members/{viewer}/suspend", null);

        Assert.Equal(Scenario.Sorted(owner, admin, manager, unitManager, member), await given.GroupMembersAsync(org, admin, managers));
        Assert.Equal(Scenario.Sorted(unitManager), await given.GroupMembersAsync(org, admin, northGroup));
        Assert.Equal(Scenario.Sorted(owner, admin, manager, unitManager, member), await given.GroupMembersAsync(org, admin, everyone));

        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(manager).PostAsync($"/organizations/{org}/groups/{everyone}/join", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await given.Client(owner).PostAsJsonAsync($"/organizations/{org}/groups/{everyone}/members", new { userId = viewer })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/units/{northTeam}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/members/{unitManager}")).StatusCode);
        var followed = await given.Client(owner).DeleteAsync($"/organizations/{org}/units/{north}");
        Assert.Equal(HttpStatusCode.Conflict, followed.StatusCode);
        Assert.Contains("message group", await followed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_is_published_to_exactly_the_groups_reachable_active_members()
    {
        await using var posted = await EventCollector<GroupMessagePosted>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var author = await given.MemberAsync(org, owner, "member", firstName: "Ana");
        var reader = await given.MemberAsync(org, owner, "member", firstName: "Ben");
        var suspendedAccount = await given.MemberAsync(org, owner, "member");
        var archivedAccount = await given.MemberAsync(org, owner, "member");
        var lockedAccount = await given.MemberAsync(org, owner, "member", firstName: "Lou");
        var suspendedHere = await given.MemberAsync(org, owner, "member");
        var outsider = await given.MemberAsync(org, owner, "member");
        var group = await given.GroupAsync(org, owner, "restricted", name: "Finances");
        foreach (var person in new[] { author, reader, suspendedAccount, archivedAccount, lockedAccount, suspendedHere })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).PostAsJsonAsync($"/organizations/{org}/groups/{group}/members", new { userId = person })).StatusCode);
        }

        await given.ChangeUserAsync(suspendedAccount, u => u.ChangeAccountState("suspended", DateTimeOffset.UtcNow));
        await given.ChangeUserAsync(archivedAccount, u => u.ChangeAccountState("archived", DateTimeOffset.UtcNow));
        await given.ChangeUserAsync(lockedAccount, u => u.ChangeAccountState("locked", DateTimeOffset.UtcNow));
        await given.Client(owner).PostAsync($"/organizations/{org}/members/{suspendedHere}/suspend", null);

        var response = await given.Client(author).PostAsJsonAsync($"/organizations/{org}/groups/{group}/messages", new { subject = "Budget", body = "Line one\nLine two" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var post = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, post.GetProperty("recipientCount").GetInt32());

        var message = (await posted.WaitForAsync(m => m.PostId == post.GetProperty("postId").GetGuid())).Message;
        Assert.Equal((org, group, "Finances", author, "Budget", "Line one\nLine two"), (message.OrganizationId, message.GroupId, message.GroupName, message.AuthorId, message.Subject, message.Body));
        Assert.StartsWith("Ana ", message.AuthorName);
        var expected = new[] { author, reader, lockedAccount }.Select(id => new GroupMessageRecipient(id, $"person-{id:N}@example.com", id == author ? "Ana" : id == reader ? "Ben" : "Lou"));
        Assert.Equal(expected.OrderBy(r => r.UserId), message.Recipients.OrderBy(r => r.UserId));
        _ = outsider;
    }

    [Fact]
    public async Task A_post_to_an_automatic_group_reaches_whoever_its_rule_selects_at_that_moment()
    {
        await using var posted = await EventCollector<GroupMessagePosted>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var admin = await given.MemberAsync(org, owner, "admin");
        var manager = await given.MemberAsync(org, owner, "manager");
        var member = await given.MemberAsync(org, owner, "member");
        var managers = await given.GroupAsync(org, owner, "automatic", new { type = "rank", rank = "manager" });
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{member}", new { rank = "manager" });
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{manager}", new { rank = "member" });

        var response = await given.Client(admin).PostAsJsonAsync($"/organizations/{org}/groups/{managers}/messages", new { subject = "Rota", body = "See the new rota." });
        var postId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetGuid();
        var message = (await posted.WaitForAsync(m => m.PostId == postId)).Message;
        Assert.Equal(new[] { owner, admin, member }.Order(), message.Recipients.Select(r => r.UserId).Order());
    }

    [Fact]
    public async Task Posting_needs_groups_post_and_being_in_the_group_or_managing_all_members()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var admin = await given.MemberAsync(org, owner, "admin");
        var unitManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);
        var member = await given.MemberAsync(org, owner, "member");
        var viewer = await given.MemberAsync(org, owner, "viewer");
        var group = await given.GroupAsync(org, owner, "open");
        await given.Client(viewer).PostAsync($"/organizations/{org}/groups/{group}/join", null);
        var messages = $"/organizations/{org}/groups/{group}/messages";
        var body = new { subject = "Hello", body = "Hi all" };

        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(viewer).PostAsJsonAsync(messages, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(member).PostAsJsonAsync(messages, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(unitManager).PostAsJsonAsync(messages, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await given.Client(admin).PostAsJsonAsync(messages, body)).StatusCode);
        await given.Client(member).PostAsync($"/organizations/{org}/groups/{group}/join", null);
        Assert.Equal(HttpStatusCode.Accepted, (await given.Client(member).PostAsJsonAsync(messages, body)).StatusCode);
    }

    [Fact]
    public async Task Oversized_or_multi_line_subjects_and_oversized_bodies_are_validation_problems()
    {
        var (org, owner) = await given.OrganizationAsync();
        var group = await given.GroupAsync(org, owner, "open");
        var messages = $"/organizations/{org}/groups/{group}/messages";

        await AssertInvalidAsync(owner, messages, new { subject = new string('s', 201), body = "ok" }, "subject");
        await AssertInvalidAsync(owner, messages, new { subject = "Hi\r\nBcc: all@example.com", body = "ok" }, "subject");
        await AssertInvalidAsync(owner, messages, new { subject = "Hi", body = new string('b', 20_001) }, "body");
        await AssertInvalidAsync(owner, messages, new { subject = "", body = "" }, "body");
        Assert.Equal(HttpStatusCode.Accepted, (await given.Client(owner).PostAsJsonAsync(messages, new { subject = new string('s', 200), body = new string('b', 20_000) })).StatusCode);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_is_published_once()
    {
        var (org, owner) = await given.OrganizationAsync();
        var group = await given.GroupAsync(org, owner, "open");
        var other = await given.GroupAsync(org, owner, "open");
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> PostAsync(Guid to)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/organizations/{org}/groups/{to}/messages") { Content = JsonContent.Create(new { subject = "Once", body = "Only once" }) };
            request.Headers.Add("Idempotency-Key", key);
            return await given.Client(owner).SendAsync(request);
        }

        var first = await (await PostAsync(group)).Content.ReadFromJsonAsync<JsonElement>();
        var again = await PostAsync(group);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(first.GetProperty("postId").GetGuid(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("postId").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(other)).StatusCode);

        Assert.Equal(1, await given.WithDbAsync(db => db.GroupPosts.CountAsync(p => p.GroupId == group)));
        var postId = first.GetProperty("postId").GetGuid().ToString();
        var published = await given.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(nameof(GroupMessagePosted))).Select(m => m.Body).ToListAsync());
        Assert.Single(published, body => body.Contains(postId));
    }

    private async Task AssertInvalidAsync(Guid actor, string path, object body, string field, HttpMethod? method = null)
    {
        var response = await given.Client(actor).SendAsync(new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = JsonContent.Create(body) });
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
    }
}
