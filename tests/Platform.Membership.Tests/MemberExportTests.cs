using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Membership.Model;
using Platform.Membership.Model.Imports;
using Platform.ServiceDefaults.Csv;

namespace Platform.Membership.Tests;

public sealed class SpreadsheetCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cells_are_quoted_and_formulas_defused(string? value, string expected) => Assert.Equal(expected, SpreadsheetCsv.Cell(value));
}

public sealed class MemberExportTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task The_csv_export_lists_every_member_with_roles_units_state_and_last_login_safe_for_spreadsheets()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { customFields = new[] { new { key = "techId", label = "Tech" } } });
        var north = await given.UnitAsync(org, owner, "North");
        var evil = await given.MemberAsync(org, owner, "manager", unitIds: [north], firstName: "=HYPERLINK(\"http://evil\")");
        var role = await given.RoleAsync(org, owner, "Dispatcher", "members.read");
        await given.GrantedAsync(org, owner, evil, role, "unit", north);
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{evil}", new { customFields = new Dictionary<string, string> { ["techId"] = "-T1" } });
        var lastLogin = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);
        await given.ChangeUserAsync(evil, u => u.RecordLogin(lastLogin));
        var suspended = await given.MemberAsync(org, owner, "viewer");
        await given.Client(owner).PostAsync($"/organizations/{org}/members/{suspended}/suspend", null);

        var response = await given.Client(owner).GetAsync($"/organizations/{org}/members/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var (table, problem) = CsvTable.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(problem);
        Assert.Equal(["userId", "email", "firstName", "lastName", "rank", "scopeUnit", "customRoles", "units", "state", "accountState", "lastLoginAt", "joinedAt", "techId"], table!.Headers);
        var rows = table.Records.ToDictionary(r => Guid.Parse(r.Field(0)));
        Assert.Equal(Scenario.Sorted(owner, evil, suspended), rows.Keys.Order().ToList());
        var row = rows[evil];
        Assert.Equal("'=HYPERLINK(\"http://evil\")", row.Field(2));
        Assert.Equal(("manager", "Dispatcher (unit North)", "North", "active"), (row.Field(4), row.Field(6), row.Field(7), row.Field(8)));
        Assert.Equal(lastLogin, DateTimeOffset.Parse(row.Field(10)));
        Assert.Equal("'-T1", row.Field(12));
        Assert.Equal(("viewer", "suspended"), (rows[suspended].Field(4), rows[suspended].Field(8)));
        Assert.Equal(("owner", ""), (rows[owner].Field(4), rows[owner].Field(10)));
    }

    [Fact]
    public async Task The_json_export_streams_every_member_across_chunks()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.WithDbAsync(async db =>
        {
            for (var i = 0; i < 1_050; i++)
            {
                var user = DirectoryUser.FromRegistration(Guid.NewGuid(), $"bulk-{Guid.NewGuid():N}@example.com", "Bulk", $"Person {i}", DateTimeOffset.UtcNow);
                db.Users.Add(user);
                db.Members.Add(Member.Join(org, user.Id, Rank.Member, DateTimeOffset.UtcNow));
            }

            return await db.SaveChangesAsync();
        });

        var response = await given.Client(owner).GetAsync($"/organizations/{org}/members/export?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var members = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1_051, members.GetArrayLength());
        Assert.Equal(1_051, members.EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).Distinct().Count());
        Assert.Equal(1_050, members.EnumerateArray().Count(m => m.GetProperty("rank").GetString() == "member"));
    }

    [Fact]
    public async Task Only_org_settings_holders_of_that_organization_export()
    {
        var (org, owner) = await given.OrganizationAsync();
        var (_, otherOwner) = await given.OrganizationAsync();
        var manager = await given.MemberAsync(org, owner, "manager");

        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(otherOwner).GetAsync($"/organizations/{org}/members/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(manager).GetAsync($"/organizations/{org}/members/export")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.Client(owner).GetAsync($"/organizations/{org}/members/export?format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).GetAsync($"/organizations/{org}/members/export?format=JSON")).StatusCode);
    }
}
