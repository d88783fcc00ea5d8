using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Authentication;
using Platform.Testing;

namespace Platform.Membership.Tests;

public sealed class OrganizationsApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    [Fact]
    public async Task Only_verified_users_create_organizations_and_within_their_ownership_limit()
    {
        var unverified = await SeedUserAsync(verified: false);
        var verified = await SeedUserAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await CreateAsync(unverified, "Unverified Co")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(verified, "First Co")).StatusCode);
        var second = await CreateAsync(verified, "Second Co");
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("limit", await second.Content.ReadAsStringAsync());

        var admin = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/admin/ownership-limits/{verified}", new { maxOrganizations = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(verified, "Second Co")).StatusCode);
    }

    [Fact]
    public async Task A_taken_slug_and_bad_input_get_problems_not_500s()
    {
        var owner = await SeedUserAsync();
        var other = await SeedUserAsync();
        var slug = $"slug-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await Client(owner).PostAsJsonAsync("/organizations", new { name = "One", slug })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Client(other).PostAsJsonAsync("/organizations", new { name = "Two", slug })).StatusCode);
        var bad = await Client(other).PostAsJsonAsync("/organizations", new { name = "", slug = "Not A Slug", contactEmail = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("slug", out _) && errors.TryGetProperty("contactEmail", out _));
    }

    [Fact]
    public async Task Ownership_moves_only_to_an_admin_or_manager_and_the_old_owner_stays_as_admin()
    {
        var (org, owner) = await OrganizationAsync();
        var member = await AddAsync(org, owner, "member");
        var manager = await AddAsync(org, owner, "manager");

        Assert.Equal(HttpStatusCode.Conflict, (await Client(owner).PostAsJsonAsync($"/organizations/{org}/ownership", new { newOwnerId = member })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(manager).PostAsJsonAsync($"/organizations/{org}/ownership", new { newOwnerId = manager })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(owner).PostAsJsonAsync($"/organizations/{org}/ownership", new { newOwnerId = manager })).StatusCode);

        var ranks = await service.WithDbAsync(db => db.Members.Where(m => m.OrganizationId == org).ToDictionaryAsync(m => m.UserId, m => m.Rank));
        Assert.Equal(Rank.Owner, ranks[manager]);
        Assert.Equal(Rank.Admin, ranks[owner]);
        Assert.Single(ranks.Values, r => r == Rank.Owner);
    }

    [Fact]
    public async Task The_delegation_rules_hold_through_the_api()
    {
        var (org, owner) = await OrganizationAsync();
        var admin = await AddAsync(org, owner, "admin");
        var otherAdmin = await AddAsync(org, owner, "admin");
        var manager = await AddAsync(org, admin, "manager");
        var member = await AddAsync(org, manager, "member");

        Assert.Equal(HttpStatusCode.Forbidden, (await Client(admin).PostAsync($"/organizations/{org}/members/{otherAdmin}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(admin).PatchMergeAsync($"/organizations/{org}/members/{manager}", new { rank = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(manager).PostAsync($"/organizations/{org}/members/{admin}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(member).PostAsync($"/organizations/{org}/members/{manager}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddRawAsync(org, manager, await SeedUserAsync(), "manager")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(manager).PostAsync($"/organizations/{org}/members/{member}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(admin).PatchMergeAsync($"/organizations/{org}/members/{manager}", new { rank = "member" })).StatusCode);
    }

    [Fact]
    public async Task A_unit_manager_acts_only_in_their_subtree_and_cannot_bring_in_new_people()
    {
        var (org, owner) = await OrganizationAsync();
        var north = await UnitAsync(org, owner, "North", null);
        var northTeam = await UnitAsync(org, owner, "North team", north);
        var south = await UnitAsync(org, owner, "South", null);
        var unitManager = await AddAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);
        var inNorth = await AddAsync(org, owner, "member", unitIds: [northTeam]);
        var inSouth = await AddAsync(org, owner, "member", unitIds: [south]);

        Assert.Equal(HttpStatusCode.OK, (await Client(unitManager).PostAsync($"/organizations/{org}/members/{inNorth}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(unitManager).PostAsync($"/organizations/{org}/members/{inSouth}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AddRawAsync(org, unitManager, await SeedUserAsync(), "member")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(unitManager).PostAsJsonAsync($"/organizations/{org}/units", new { name = "Outside", parentId = south })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client(unitManager).PostAsJsonAsync($"/organizations/{org}/units", new { name = "Inside", parentId = north })).StatusCode);

        var inside = await AccessAsync(org, unitManager, "members.manage", northTeam);
        var outside = await AccessAsync(org, unitManager, "members.manage", south);
        Assert.True(inside.GetProperty("allowed").GetBoolean());
        Assert.Contains("unit", inside.GetProperty("explanation").GetString());
        Assert.False(outside.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Units_hold_the_organizations_unit_fields_by_the_rules_of_editing_units_and_a_bad_value_is_a_400_naming_it()
    {
        var (org, owner) = await OrganizationAsync();
        var settings = await Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new
        {
            unitCustomFields = new object[] { new { key = "contact", label = "Contact person", required = true }, new { key = "code", label = "Branch code" } },
        });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        Assert.Equal(["contact", "code"], (await settings.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitCustomFields").EnumerateArray().Select(f => f.GetProperty("key").GetString()));

        await AssertFieldRefusedAsync(Client(owner).PostAsJsonAsync($"/organizations/{org}/units", new { name = "Tuesday group" }), "customFields.contact");
        await AssertFieldRefusedAsync(Client(owner).PostAsJsonAsync($"/organizations/{org}/units",
            new { name = "Tuesday group", customFields = new { contact = "Ada", colour = "red" } }), "customFields.colour");
        Assert.False(await service.WithDbAsync(db => db.Units.AnyAsync(u => u.OrganizationId == org)));

        var created = await Client(owner).PostAsJsonAsync($"/organizations/{org}/units", new { name = "Tuesday group", label = "order group", customFields = new { contact = "Ada", code = " B-7 " } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var unit = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var listed = Assert.Single((await Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/units")).EnumerateArray());
        Assert.Equal(("Ada", "B-7"), (listed.GetProperty("customFields").GetProperty("contact").GetString(), listed.GetProperty("customFields").GetProperty("code").GetString()));

        // PUT replaces: without customFields it would wipe them, so it is refused by name; a scoped manager elsewhere and a member may not edit.
        await AssertFieldRefusedAsync(Client(owner).PutAsJsonAsync($"/organizations/{org}/units/{unit}", new { name = "Renamed" }), "customFields");
        await AssertFieldRefusedAsync(Client(owner).PutAsJsonAsync($"/organizations/{org}/units/{unit}",
            new { name = "Tuesday group", customFields = new { contact = new string('x', 501) } }), "customFields.contact");
        var elsewhere = await UnitAsync(org, owner, "Elsewhere", null, new { contact = "Bob" });
        var scoped = await AddAsync(org, owner, "manager", scopeUnitId: elsewhere, unitIds: [elsewhere]);
        var member = await AddAsync(org, owner, "member");
        var change = new { name = "Tuesday group", customFields = new { contact = "Eve" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(scoped).PutAsJsonAsync($"/organizations/{org}/units/{unit}", change)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(member).PutAsJsonAsync($"/organizations/{org}/units/{unit}", change)).StatusCode);
        Assert.Equal(new Dictionary<string, string> { ["contact"] = "Ada", ["code"] = "B-7" }, await service.WithDbAsync(db => db.Units.Where(u => u.Id == unit).Select(u => u.CustomFields).SingleAsync()));

        var replaced = await Client(owner).PutAsJsonAsync($"/organizations/{org}/units/{unit}", new { name = "Tuesday group", label = "order group", customFields = new { contact = "Grace" } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(["contact"], (await replaced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customFields").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.OK, (await Client(scoped).PutAsJsonAsync($"/organizations/{org}/units/{elsewhere}", new { name = "Elsewhere", customFields = new { contact = "Bo" } })).StatusCode);
    }

    private static async Task AssertFieldRefusedAsync(Task<HttpResponseMessage> sending, string field)
    {
        var refused = await sending;
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task A_unit_with_members_is_not_deleted_until_they_are_moved()
    {
        var (org, owner) = await OrganizationAsync();
        var team = await UnitAsync(org, owner, "Team", null);
        var member = await AddAsync(org, owner, "member", unitIds: [team]);

        var refused = await Client(owner).DeleteAsync($"/organizations/{org}/units/{team}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("1 member", await refused.Content.ReadAsStringAsync());
        await Client(owner).PatchMergeAsync($"/organizations/{org}/members/{member}", new { unitIds = Array.Empty<Guid>() });
        Assert.Equal(HttpStatusCode.NoContent, (await Client(owner).DeleteAsync($"/organizations/{org}/units/{team}")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_rank_is_refused_on_the_next_call()
    {
        var (org, owner) = await OrganizationAsync();
        var manager = await AddAsync(org, owner, "manager");
        Assert.True((await AccessAsync(org, manager, "approvals.decide")).GetProperty("allowed").GetBoolean());

        await Client(owner).PatchMergeAsync($"/organizations/{org}/members/{manager}", new { rank = "member" });

        var after = await AccessAsync(org, manager, "approvals.decide");
        Assert.False(after.GetProperty("allowed").GetBoolean());
        Assert.Contains("member", after.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Suspending_a_member_in_one_organization_leaves_the_other_untouched()
    {
        var (first, firstOwner) = await OrganizationAsync();
        var (second, secondOwner) = await OrganizationAsync();
        var person = await SeedUserAsync();
        await AddRawAsync(first, firstOwner, person, "member");
        await AddRawAsync(second, secondOwner, person, "member");

        await Client(firstOwner).PostAsync($"/organizations/{first}/members/{person}/suspend", null);

        Assert.False((await AccessAsync(first, person, "groups.post")).GetProperty("allowed").GetBoolean());
        Assert.True((await AccessAsync(second, person, "groups.post")).GetProperty("allowed").GetBoolean());
        var mine = await Client(person).GetFromJsonAsync<JsonElement>("/organizations");
        Assert.Equal([second], mine.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task An_admin_of_one_organization_gets_404_on_every_endpoint_of_another()
    {
        var (mine, me) = await OrganizationAsync();
        var (theirs, them) = await OrganizationAsync();
        var theirUnit = await UnitAsync(theirs, them, "Their unit", null);
        var theirMember = await AddAsync(theirs, them, "member");
        var given = new Scenario(service);
        var theirRole = await given.RoleAsync(theirs, them, "Their role", "members.read");
        var theirGrant = await given.GrantedAsync(theirs, them, theirMember, theirRole);
        var theirGroup = await given.GroupAsync(theirs, them, "open");
        Assert.Equal(HttpStatusCode.NoContent, (await Client(theirMember).PostAsync($"/organizations/{theirs}/groups/{theirGroup}/join", null)).StatusCode);
        var invited = await Client(them).PostAsJsonAsync($"/organizations/{theirs}/invitations", new { emails = new[] { $"their-{Guid.NewGuid():N}@example.com" }, rank = "member" });
        var theirInvitation = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("invitationId").GetGuid();
        var client = Client(me);
        var endpoints = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/organizations/{theirs}", null),
            (HttpMethod.Get, $"/directory/users/{theirMember}", null),
            (HttpMethod.Put, $"/organizations/{theirs}", new { name = "Mine now" }),
            (HttpMethod.Put, $"/organizations/{theirs}/settings", new { minimumRankToInvite = "admin" }),
            (HttpMethod.Patch, $"/organizations/{theirs}/settings", new { minimumRankToInvite = "admin" }),
            (HttpMethod.Post, $"/organizations/{theirs}/archive", null),
            (HttpMethod.Post, $"/organizations/{theirs}/ownership", new { newOwnerId = me }),
            (HttpMethod.Get, $"/organizations/{theirs}/units", null),
            (HttpMethod.Post, $"/organizations/{theirs}/units", new { name = "Sneaky" }),
            (HttpMethod.Put, $"/organizations/{theirs}/units/{theirUnit}", new { name = "Renamed" }),
            (HttpMethod.Post, $"/organizations/{theirs}/units/{theirUnit}/move", new { parentId = (Guid?)null }),
            (HttpMethod.Delete, $"/organizations/{theirs}/units/{theirUnit}", null),
            (HttpMethod.Get, $"/organizations/{theirs}/members", null),
            (HttpMethod.Get, $"/organizations/{theirs}/members/{theirMember}", null),
            (HttpMethod.Post, $"/organizations/{theirs}/members", new { userId = me, rank = "member" }),
            (HttpMethod.Put, $"/organizations/{theirs}/members/{theirMember}", new { rank = "viewer" }),
            (HttpMethod.Patch, $"/organizations/{theirs}/members/{theirMember}", new { rank = "viewer" }),
            (HttpMethod.Post, $"/organizations/{theirs}/members/{theirMember}/suspend", null),
            (HttpMethod.Post, $"/organizations/{theirs}/members/{theirMember}/reactivate", null),
            (HttpMethod.Delete, $"/organizations/{theirs}/members/{theirMember}", null),
            (HttpMethod.Get, $"/authorization/check?organizationId={theirs}&permission=members.read&userId={theirMember}", null),
            (HttpMethod.Get, $"/organizations/{theirs}/roles", null),
            (HttpMethod.Post, $"/organizations/{theirs}/roles", new { name = "Sneaky", permissions = new[] { "members.read" } }),
            (HttpMethod.Get, $"/organizations/{theirs}/roles/{theirRole}", null),
            (HttpMethod.Put, $"/organizations/{theirs}/roles/{theirRole}", new { name = "Renamed", permissions = Array.Empty<string>() }),
            (HttpMethod.Delete, $"/organizations/{theirs}/roles/{theirRole}", null),
            (HttpMethod.Get, $"/organizations/{theirs}/members/{theirMember}/roles", null),
            (HttpMethod.Post, $"/organizations/{theirs}/members/{theirMember}/roles", new { roleId = theirRole, scope = "organization" }),
            (HttpMethod.Delete, $"/organizations/{theirs}/members/{theirMember}/roles/{theirGrant}", null),
            (HttpMethod.Get, $"/organizations/{theirs}/groups", null),
            (HttpMethod.Post, $"/organizations/{theirs}/groups", new { name = "Sneaky", kind = "open" }),
            (HttpMethod.Get, $"/organizations/{theirs}/groups/{theirGroup}", null),
            (HttpMethod.Put, $"/organizations/{theirs}/groups/{theirGroup}", new { name = "Renamed" }),
            (HttpMethod.Post, $"/organizations/{theirs}/groups/{theirGroup}/join", null),
            (HttpMethod.Post, $"/organizations/{theirs}/groups/{theirGroup}/leave", null),
            (HttpMethod.Get, $"/organizations/{theirs}/groups/{theirGroup}/members", null),
            (HttpMethod.Post, $"/organizations/{theirs}/groups/{theirGroup}/members", new { userId = me }),
            (HttpMethod.Delete, $"/organizations/{theirs}/groups/{theirGroup}/members/{theirMember}", null),
            (HttpMethod.Post, $"/organizations/{theirs}/groups/{theirGroup}/messages", new { subject = "Hello", body = "From outside" }),
            (HttpMethod.Delete, $"/organizations/{theirs}/groups/{theirGroup}", null),
            (HttpMethod.Get, $"/organizations/{theirs}/access-review", null),
            (HttpMethod.Get, $"/organizations/{theirs}/members/{theirMember}/access", null),
            (HttpMethod.Get, $"/organizations/{theirs}/invitations", null),
            (HttpMethod.Post, $"/organizations/{theirs}/invitations", new { emails = new[] { "sneaky@example.com" }, rank = "member" }),
            (HttpMethod.Post, $"/organizations/{theirs}/invitations/{theirInvitation}/resend", null),
            (HttpMethod.Delete, $"/organizations/{theirs}/invitations/{theirInvitation}", null),
            (HttpMethod.Post, $"/organizations/{mine}/invitations/{theirInvitation}/resend", null),
            (HttpMethod.Delete, $"/organizations/{mine}/invitations/{theirInvitation}", null),
        };

        foreach (var (method, path, body) in endpoints)
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, method == HttpMethod.Patch ? new MediaTypeHeaderValue("application/merge-patch+json") : null) });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode}");
        }

        var untouched = await service.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Id == theirs));
        Assert.Equal(OrganizationState.Active, untouched.State);
        Assert.Equal(them, untouched.OwnerId);
        Assert.NotEqual("Mine now", untouched.Name);
        Assert.Equal(Rank.Member, await service.WithDbAsync(db => db.Members.Where(m => m.UserId == theirMember).Select(m => m.Rank).SingleAsync()));
        Assert.True(await service.WithDbAsync(db => db.Units.AnyAsync(u => u.Id == theirUnit)));
        Assert.Equal("Their role", await service.WithDbAsync(db => db.CustomRoles.Where(r => r.Id == theirRole).Select(r => r.Name).SingleAsync()));
        Assert.True(await service.WithDbAsync(db => db.RoleGrants.AnyAsync(g => g.Id == theirGrant)));
        Assert.Equal([theirMember], await service.WithDbAsync(db => db.GroupMembers.Where(g => g.GroupId == theirGroup).Select(g => g.UserId).ToListAsync()));
        Assert.False(await service.WithDbAsync(db => db.GroupPosts.AnyAsync(p => p.GroupId == theirGroup)));
        Assert.Equal(1, await service.WithDbAsync(db => db.MessageGroups.CountAsync(g => g.OrganizationId == theirs)));
        Assert.Equal(1, await service.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == theirs && i.State == Platform.Membership.Model.Invitations.InvitationState.Pending)));
    }

    private HttpClient Client(Guid userId) => service.Host.CreateClientAs(new InternalIdentity(userId));

    private Task<HttpResponseMessage> CreateAsync(Guid userId, string name) =>
        Client(userId).PostAsJsonAsync("/organizations", new { name, slug = $"{Organization.SlugFrom(name)}-{Guid.NewGuid():N}" });

    private async Task<(Guid Organization, Guid Owner)> OrganizationAsync()
    {
        var owner = await SeedUserAsync();
        var created = await CreateAsync(owner, "Org");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), owner);
    }

    private async Task<Guid> UnitAsync(Guid org, Guid actor, string name, Guid? parentId, object? customFields = null)
    {
        var created = await Client(actor).PostAsJsonAsync($"/organizations/{org}/units", new { name, label = "branch", parentId, customFields });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> AddAsync(Guid org, Guid actor, string rank, Guid? scopeUnitId = null, Guid[]? unitIds = null)
    {
        var person = await SeedUserAsync();
        var added = await AddRawAsync(org, actor, person, rank, scopeUnitId, unitIds);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return person;
    }

    private Task<HttpResponseMessage> AddRawAsync(Guid org, Guid actor, Guid person, string rank, Guid? scopeUnitId = null, Guid[]? unitIds = null) =>
        Client(actor).PostAsJsonAsync($"/organizations/{org}/members", new { email = $"person-{person:N}@example.com", rank, scopeUnitId, unitIds });

    private async Task<JsonElement> AccessAsync(Guid org, Guid user, string permission, Guid? unitId = null) =>
        await Client(user).GetFromJsonAsync<JsonElement>($"/authorization/check?organizationId={org}&permission={permission}{(unitId is null ? "" : $"&unitId={unitId}")}");

    private async Task<Guid> SeedUserAsync(bool verified = true)
    {
        var id = Guid.NewGuid();
        await service.WithDbAsync(async db =>
        {
            var user = DirectoryUser.FromRegistration(id, $"person-{id:N}@example.com", "Pat", $"Person{id:N}"[..12], DateTimeOffset.UtcNow);
            if (verified) user.MarkVerified(user.Email, DateTimeOffset.UtcNow);
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        return id;
    }
}
