using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Platform.Membership.Tests;

/// <summary>
/// A person is visible to themselves, to the members of the organizations they belong to and to a
/// platform administrator; to anybody else an account answers exactly like an id that does not exist.
/// </summary>
public sealed class PeopleVisibilityTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task A_stranger_reads_nobody_in_the_directory_and_gets_the_answer_of_an_unknown_id()
    {
        var (org, owner) = await given.OrganizationAsync();
        var member = await given.MemberAsync(org, owner, "viewer", firstName: "Vera");
        var (_, stranger) = await given.OrganizationAsync();

        var unknown = Guid.NewGuid();
        var theirs = await given.Client(stranger).GetAsync($"/directory/users/{member}");
        var nobody = await given.Client(stranger).GetAsync($"/directory/users/{unknown}");
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(nobody.StatusCode, theirs.StatusCode);
        // The same answer but for the id asked about, which a refusal may name.
        Assert.Equal(
            WithoutTrace((await nobody.Content.ReadAsStringAsync()).Replace(unknown.ToString(), "{id}", StringComparison.Ordinal)),
            WithoutTrace((await theirs.Content.ReadAsStringAsync()).Replace(member.ToString(), "{id}", StringComparison.Ordinal)));
        Assert.DoesNotContain("Vera", await theirs.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Oneself_a_fellow_member_of_any_rank_and_a_platform_admin_read_the_person()
    {
        var (org, owner) = await given.OrganizationAsync();
        var member = await given.MemberAsync(org, owner, "member", firstName: "Mia");
        var viewer = await given.MemberAsync(org, owner, "viewer");

        foreach (var reader in new[] { given.Client(member), given.Client(viewer), given.Client(owner), given.PlatformAdmin() })
        {
            var person = await reader.GetFromJsonAsync<JsonElement>($"/directory/users/{member}");
            Assert.Equal("Mia", person.GetProperty("firstName").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await given.Client(member).GetAsync($"/directory/users/{owner}")).StatusCode);
    }

    [Fact]
    public async Task A_suspended_or_removed_member_no_longer_reads_the_organizations_people()
    {
        var (org, owner) = await given.OrganizationAsync();
        var suspended = await given.MemberAsync(org, owner, "member");
        var removed = await given.MemberAsync(org, owner, "member");
        Assert.True((await given.Client(owner).PostAsync($"/organizations/{org}/members/{suspended}/suspend", null)).IsSuccessStatusCode);
        Assert.True((await given.Client(owner).DeleteAsync($"/organizations/{org}/members/{removed}")).IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(suspended).GetAsync($"/directory/users/{owner}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(removed).GetAsync($"/directory/users/{owner}")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_add_a_stranger_by_a_guessed_id_and_learns_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        var person = await given.MemberAsync(org, owner, "member", firstName: "Gus");
        var (mine, me) = await given.OrganizationAsync();

        var byId = await given.Client(me).PostAsJsonAsync($"/organizations/{mine}/members", new { userId = person, rank = "member" });
        var unknown = await given.Client(me).PostAsJsonAsync($"/organizations/{mine}/members", new { userId = Guid.NewGuid(), rank = "member" });

        Assert.Equal(HttpStatusCode.BadRequest, byId.StatusCode);
        Assert.Equal(
            (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetRawText(),
            (await byId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetRawText());
        Assert.DoesNotContain("Gus", await byId.Content.ReadAsStringAsync());
        Assert.False(await given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == mine && m.UserId == person)));
        Assert.Equal(HttpStatusCode.Created, (await given.PlatformAdmin().PostAsJsonAsync($"/organizations/{mine}/members", new { userId = person, rank = "member" })).StatusCode);
    }

    private static string WithoutTrace(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"(traceId|instance)\":\"[^\"]*\"", "");
}
