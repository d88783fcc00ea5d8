using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Membership.Tests;

/// <summary>The members list's search: the start of an email address or a name, ignoring case, with the other filters.</summary>
public sealed class MemberSearchTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task Search_finds_members_by_the_start_of_a_name_or_email_and_combines_with_the_filters()
    {
        var (org, owner) = await given.OrganizationAsync();
        var marta = await given.MemberAsync(org, owner, "member", firstName: "Marta");
        var martin = await given.MemberAsync(org, owner, "manager", firstName: "Martin");
        await given.MemberAsync(org, owner, "member", firstName: "Olga");

        Assert.Equal(Scenario.Sorted(marta, martin), await SearchAsync(org, owner, "mart"));
        Assert.Equal([martin], await SearchAsync(org, owner, "MART", "&rank=manager"));
        Assert.Equal([marta], await SearchAsync(org, owner, $"Marta Person{marta:N}"[..16]));
        Assert.Equal([marta], await SearchAsync(org, owner, $"person-{marta:N}"));
        // Only a prefix matches, and a wildcard typed by the person is a literal character.
        Assert.Empty(await SearchAsync(org, owner, "arta"));
        Assert.Empty(await SearchAsync(org, owner, "%"));
    }

    [Fact]
    public async Task A_search_too_long_is_a_problem_naming_it()
    {
        var (org, owner) = await given.OrganizationAsync();
        var response = await given.Client(owner).GetAsync($"/organizations/{org}/members?search={new string('a', 101)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("search", out _));
    }

    private async Task<List<Guid>> SearchAsync(Guid org, Guid actor, string search, string filters = "")
    {
        var page = await given.Client(actor).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members?search={Uri.EscapeDataString(search)}{filters}");
        return page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).Order().ToList();
    }
}
