using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Membership.Tests;

/// <summary>Members.read counts where it is held: a viewer scoped to a unit, widened by a role over another unit, sees those units' members only.</summary>
public sealed class ScopedViewerTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task A_viewer_whose_members_read_is_scoped_to_units_sees_only_their_members_in_list_detail_directory_and_export()
    {
        var (org, owner) = await given.OrganizationAsync();
        var suppliers = await given.UnitAsync(org, owner, "Suppliers");
        var north = await given.UnitAsync(org, owner, "North");
        var northTeam = await given.UnitAsync(org, owner, "North team", north);
        var south = await given.UnitAsync(org, owner, "South");
        var inTeam = await given.MemberAsync(org, owner, "member", unitIds: [northTeam]);
        var inSouth = await given.MemberAsync(org, owner, "member", unitIds: [south]);
        var supplier = await given.MemberAsync(org, owner, "viewer", scopeUnitId: suppliers);
        var everyoneViewer = await given.MemberAsync(org, owner, "viewer");
        var reader = await given.RoleAsync(org, owner, "Supplier contact", "members.read");
        await given.GrantedAsync(org, owner, supplier, reader, "unit", north);
        var client = given.Client(supplier);

        var page = await client.GetFromJsonAsync<JsonElement>($"/organizations/{org}/members?pageSize=200");
        Assert.Equal(Scenario.Sorted(inTeam, supplier), page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).Order().ToList());
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/organizations/{org}/members/{inTeam}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/organizations/{org}/members/{inSouth}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/organizations/{org}/members/{owner}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/directory/users/{inTeam}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/directory/users/{inSouth}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/organizations/{org}/members/export")).StatusCode);

        var everyone = await given.Client(everyoneViewer).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members?pageSize=200");
        Assert.Equal(5, everyone.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await given.Client(everyoneViewer).GetAsync($"/directory/users/{inSouth}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_scoped_to_a_unit_exports_only_that_units_members()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var south = await given.UnitAsync(org, owner, "South");
        var inNorth = await given.MemberAsync(org, owner, "member", unitIds: [north]);
        var inSouth = await given.MemberAsync(org, owner, "member", unitIds: [south]);
        var scopedAdmin = await given.MemberAsync(org, owner, "admin", scopeUnitId: north);

        var exported = await given.Client(scopedAdmin).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members/export?format=json");
        Assert.Equal(Scenario.Sorted(inNorth, scopedAdmin), exported.EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).Order().ToList());
        var all = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members/export?format=json");
        Assert.Contains(all.EnumerateArray(), m => m.GetProperty("userId").GetGuid() == inSouth);
    }
}
