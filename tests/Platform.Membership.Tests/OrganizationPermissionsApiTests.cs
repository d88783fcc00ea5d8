using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Membership.Tests;

public sealed class OrganizationPermissionsApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private const string Finances = "finances.manage";
    private readonly Scenario given = new(service);

    private Task<HttpResponseMessage> DefineAsync(Guid org, Guid actor, string key, string description = "Manage the money") =>
        given.Client(actor).PostAsJsonAsync($"/organizations/{org}/permissions", new { key, description });

    [Fact]
    public async Task Owners_and_admins_define_keys_use_them_in_roles_and_client_apps_ask_about_them()
    {
        var (org, owner) = await given.OrganizationAsync();
        var admin = await given.MemberAsync(org, owner, "admin");
        var manager = await given.MemberAsync(org, owner, "manager");
        var treasurer = await given.MemberAsync(org, owner, "member");

        Assert.Equal(HttpStatusCode.Created, (await DefineAsync(org, admin, Finances)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await DefineAsync(org, owner, "finances.read", "See the books")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DefineAsync(org, manager, "profiles.edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DefineAsync(org, owner, Finances)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DefineAsync(org, owner, "members.read")).StatusCode);
        var bad = await DefineAsync(org, owner, "Finances", "");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("key", out _) && errors.TryGetProperty("description", out _));
        var listed = await given.Client(treasurer).GetFromJsonAsync<JsonElement>($"/organizations/{org}/permissions");
        Assert.Equal(["finances.manage", "finances.read"], listed.EnumerateArray().Select(p => p.GetProperty("key").GetString()));

        // An admin holds the organization's keys by rank, so may put them in a role and hand them out.
        var role = await given.RoleAsync(org, admin, "Finances", Finances);
        Assert.False((await given.AccessAsync(org, treasurer, Finances)).GetProperty("allowed").GetBoolean());
        await given.GrantedAsync(org, admin, treasurer, role);
        var allowed = await given.AccessAsync(org, treasurer, Finances);
        Assert.True(allowed.GetProperty("allowed").GetBoolean());
        Assert.Equal("role Finances over the whole organization", allowed.GetProperty("explanation").GetString());
        Assert.Equal("rank admin over the whole organization", (await given.AccessAsync(org, admin, Finances)).GetProperty("explanation").GetString());
        Assert.False((await given.AccessAsync(org, manager, Finances)).GetProperty("allowed").GetBoolean());

        var inUse = await given.Client(owner).DeleteAsync($"/organizations/{org}/permissions/{Finances}");
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains("Finances", await inUse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/roles/{role}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(manager).DeleteAsync($"/organizations/{org}/permissions/{Finances}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/permissions/{Finances}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(owner).DeleteAsync($"/organizations/{org}/permissions/{Finances}")).StatusCode);
        var unknown = await given.Client(owner).PostAsJsonAsync($"/organizations/{org}/roles", new { name = "Again", permissions = new[] { Finances } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Another_organizations_keys_are_neither_visible_nor_usable()
    {
        var (org, owner) = await given.OrganizationAsync();
        var (otherOrg, otherOwner) = await given.OrganizationAsync();
        var otherMember = await given.MemberAsync(otherOrg, otherOwner, "member");
        Assert.Equal(HttpStatusCode.Created, (await DefineAsync(org, owner, Finances)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(otherOwner).GetAsync($"/organizations/{org}/permissions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(otherOwner).DeleteAsync($"/organizations/{org}/permissions/{Finances}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DefineAsync(org, otherOwner, "profiles.edit")).StatusCode);
        Assert.Empty((await given.Client(otherOwner).GetFromJsonAsync<JsonElement>($"/organizations/{otherOrg}/permissions")).EnumerateArray());
        var foreign = await given.Client(otherOwner).PostAsJsonAsync($"/organizations/{otherOrg}/roles", new { name = "Finances", permissions = new[] { Finances } });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains(Finances, await foreign.Content.ReadAsStringAsync());
        Assert.DoesNotContain((await given.Client(otherOwner).GetFromJsonAsync<JsonElement>("/permissions")).EnumerateArray(), p => p.GetProperty("key").GetString() == Finances);
        Assert.False((await given.AccessAsync(otherOrg, otherMember, Finances)).GetProperty("allowed").GetBoolean());

        // The same key defined by both is two keys: each organization's own.
        Assert.Equal(HttpStatusCode.Created, (await DefineAsync(otherOrg, otherOwner, Finances, "Their money")).StatusCode);
        var theirs = await given.Client(otherOwner).GetFromJsonAsync<JsonElement>($"/organizations/{otherOrg}/permissions");
        Assert.Equal("Their money", theirs.EnumerateArray().Single().GetProperty("description").GetString());
    }
}
