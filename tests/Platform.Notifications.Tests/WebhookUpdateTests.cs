using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Tests;

/// <summary>
/// The platform's rule for changing an endpoint: PUT replaces all of its settings, PATCH is a JSON merge
/// patch (RFC 7396: present sets, absent keeps, null removes). A refused change changes nothing.
/// </summary>
[Collection(SharedServiceCollection.Name)]
public sealed class WebhookUpdateTests(NotificationsServiceFixture service)
{
    private const string OtherUrl = "https://1.0.0.1/hooks";

    private HttpClient Admin { get; } = service.Host.CreateClientAs(new InternalIdentity(Guid.NewGuid(), PlatformAdmin: true));

    [Fact]
    public async Task A_patch_sets_what_it_names_keeps_what_it_leaves_out_and_null_clears_the_description()
    {
        var path = await RegisterAsync("Directory sync");

        var changed = await Admin.PatchMergeAsync(path, new { eventTypes = new[] { "unit.created" } });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal((WebhookAccessTests.PublicUrl, "unit.created", "Directory sync"), await SettingsAsync(path));

        var cleared = await Admin.PatchMergeAsync(path, new { description = (string?)null, url = OtherUrl });

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal((OtherUrl, "unit.created", ""), await SettingsAsync(path));
    }

    [Theory]
    [InlineData("""{"url": null}""", "url")]
    [InlineData("""{"eventTypes": null}""", "eventTypes")]
    [InlineData("""{"eventTypes": [], "description": null}""", "eventTypes")]
    [InlineData("""{"descripton": "typo"}""", "descripton")]
    public async Task A_patch_removing_a_required_field_or_naming_an_unknown_one_is_a_400_naming_it_and_changes_nothing(string patch, string field)
    {
        var path = await RegisterAsync("Directory sync");
        var before = await SettingsAsync(path);

        var response = await Admin.PatchAsync(path, MergePatchBody(patch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"the 400 names {field}");
        Assert.Equal(before, await SettingsAsync(path));
    }

    [Theory]
    [InlineData("""{"url": 5}""")]
    [InlineData("""{"eventTypes": "unit.created", "description": null}""")]
    [InlineData("""{"description": ["a", "b"]}""")]
    [InlineData("""["description"]""")]
    [InlineData("""{"description": """)]
    public async Task A_patch_of_the_wrong_shape_is_a_400_problem_and_changes_nothing(string patch)
    {
        var path = await RegisterAsync("Directory sync");
        var before = await SettingsAsync(path);

        var response = await Admin.PatchAsync(path, MergePatchBody(patch));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SettingsAsync(path));
    }

    [Fact]
    public async Task A_patch_as_plain_json_is_a_415_and_changes_nothing()
    {
        var path = await RegisterAsync("Directory sync");

        var response = await Admin.PatchAsJsonAsync(path, new { description = (string?)null });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal((WebhookAccessTests.PublicUrl, "group.message-posted", "Directory sync"), await SettingsAsync(path));
    }

    [Fact]
    public async Task A_put_replaces_every_setting_and_one_missing_a_required_field_is_a_400_that_changes_nothing()
    {
        var path = await RegisterAsync("Directory sync");

        var missing = await Admin.PutAsJsonAsync(path, new { url = OtherUrl, description = "Half" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("eventTypes", out _));
        Assert.Equal((WebhookAccessTests.PublicUrl, "group.message-posted", "Directory sync"), await SettingsAsync(path));

        var replaced = await Admin.PutAsJsonAsync(path, new { url = OtherUrl, eventTypes = new[] { "unit.created" } });

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal((OtherUrl, "unit.created", ""), await SettingsAsync(path));
    }

    [Fact]
    public async Task The_OpenAPI_document_says_put_requires_url_and_event_types_and_patch_takes_a_merge_patch()
    {
        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var endpoint = document.GetProperty("paths").GetProperty("/organizations/{organizationId}/webhooks/{id}");
        Assert.True(endpoint.GetProperty("patch").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
        var put = endpoint.GetProperty("put");
        Assert.Contains("PUT replaces", put.GetProperty("description").GetString());
        var schema = put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        Assert.Equal(["eventTypes", "url"], schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
    }

    private async Task<string> RegisterAsync(string description)
    {
        var organization = Guid.NewGuid();
        return $"/organizations/{organization}/webhooks/{await WebhookAccessTests.RegisterAsync(Admin, organization, description)}";
    }

    private async Task<(string? Url, string EventTypes, string? Description)> SettingsAsync(string path)
    {
        var endpoint = await Admin.GetFromJsonAsync<JsonElement>(path);
        return (endpoint.GetProperty("url").GetString(), string.Join(",", endpoint.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString())),
            endpoint.GetProperty("description").GetString());
    }

    private static StringContent MergePatchBody(string json) => new(json, Encoding.UTF8, "application/merge-patch+json");
}
