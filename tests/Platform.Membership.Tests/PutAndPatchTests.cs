using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Membership.Tests;

/// <summary>
/// One rule for the whole API: PUT replaces (a field left out is a 400 naming it, never a silent wipe),
/// PATCH is a JSON merge patch (a field given changes, null removes, the rest stays).
/// </summary>
public sealed class PutAndPatchTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    private static readonly object FullSettings = new
    {
        minimumRankToInvite = "admin",
        allowedEmailDomains = new[] { "example.com" },
        customFields = new[] { new { key = "techId", label = "Technician", required = false } },
        requireTwoFactor = false,
        adminsMayImpersonate = false,
        openToJoinRequests = false,
        unitCustomFields = new[] { new { key = "code", label = "Branch code", required = false } },
    };

    [Fact]
    public async Task Turning_on_two_factor_with_a_patch_keeps_custom_fields_and_allowed_domains()
    {
        var (org, owner) = await given.OrganizationAsync();
        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/settings", FullSettings)).StatusCode);

        var patched = await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { requireTwoFactor = true });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var settings = await SettingsAsync(org, owner);
        Assert.True(settings.GetProperty("requireTwoFactor").GetBoolean());
        Assert.Equal("admin", settings.GetProperty("minimumRankToInvite").GetString());
        Assert.Equal(["example.com"], settings.GetProperty("allowedEmailDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("techId", Assert.Single(settings.GetProperty("customFields").EnumerateArray()).GetProperty("key").GetString());
    }

    [Fact]
    public async Task Null_in_a_settings_patch_puts_back_the_default_and_leaves_the_rest()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/settings", FullSettings);

        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { allowedEmailDomains = (string[]?)null, minimumRankToInvite = (string?)null })).StatusCode);

        var settings = await SettingsAsync(org, owner);
        Assert.Empty(settings.GetProperty("allowedEmailDomains").EnumerateArray());
        Assert.Equal("manager", settings.GetProperty("minimumRankToInvite").GetString());
        Assert.Single(settings.GetProperty("customFields").EnumerateArray());
    }

    [Fact]
    public async Task A_settings_put_missing_fields_is_a_400_naming_each_and_changes_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/settings", FullSettings);
        var before = (await SettingsAsync(org, owner)).GetRawText();

        var refused = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/settings", new { requireTwoFactor = true });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["adminsMayImpersonate", "allowedEmailDomains", "customFields", "minimumRankToInvite", "openToJoinRequests", "unitCustomFields"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(before, (await SettingsAsync(org, owner)).GetRawText());
    }

    [Fact]
    public async Task A_patch_that_is_not_a_merge_patch_is_refused_with_415_or_400()
    {
        var (org, owner) = await given.OrganizationAsync();
        var asJson = await given.Client(owner).PatchAsJsonAsync($"/organizations/{org}/settings", new { requireTwoFactor = true });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new[] { 1, 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { requireTwoFactor = "yes" })).StatusCode);
        Assert.False((await SettingsAsync(org, owner)).GetProperty("requireTwoFactor").GetBoolean());
    }

    [Fact]
    public async Task A_member_patch_changes_one_field_and_keeps_the_others_and_a_put_missing_fields_is_refused()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/settings", FullSettings);
        var unit = await given.UnitAsync(org, owner, "North");
        var member = await given.MemberAsync(org, owner, "member", unitIds: [unit]);
        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{member}", new { customFields = new { techId = "T-1" } })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{member}", new { rank = "viewer" })).StatusCode);
        var shown = await MemberAsync(org, owner, member);
        Assert.Equal("viewer", shown.GetProperty("rank").GetString());
        Assert.Equal([unit], shown.GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()));
        Assert.Equal("T-1", shown.GetProperty("customFields").GetProperty("techId").GetString());

        var refused = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/members/{member}", new { rank = "member" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["customFields", "unitIds"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(shown.GetRawText(), (await MemberAsync(org, owner, member)).GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/members/{member}", new { customFields = new { techId = (string?)null } })).StatusCode);
        Assert.Empty((await MemberAsync(org, owner, member)).GetProperty("customFields").EnumerateObject());
        var replaced = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/members/{member}",
            new { rank = "member", scopeUnitId = (Guid?)null, unitIds = Array.Empty<Guid>(), customFields = new Dictionary<string, string>() });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Empty((await MemberAsync(org, owner, member)).GetProperty("unitIds").EnumerateArray());
    }

    [Fact]
    public async Task The_OpenAPI_document_says_put_requires_every_setting_and_patch_takes_a_merge_patch()
    {
        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var settings = document.GetProperty("paths").GetProperty("/organizations/{organizationId}/settings");
        Assert.True(settings.GetProperty("patch").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
        var schema = Resolve(document, settings.GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(["adminsMayImpersonate", "allowedEmailDomains", "customFields", "minimumRankToInvite", "openToJoinRequests", "requireTwoFactor", "unitCustomFields"],
            schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        var member = document.GetProperty("paths").GetProperty("/organizations/{organizationId}/members/{userId}");
        Assert.True(member.GetProperty("patch").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private async Task<JsonElement> SettingsAsync(Guid org, Guid caller) =>
        await given.Client(caller).GetFromJsonAsync<JsonElement>($"/organizations/{org}");

    private async Task<JsonElement> MemberAsync(Guid org, Guid caller, Guid member) =>
        await given.Client(caller).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members/{member}");
}
