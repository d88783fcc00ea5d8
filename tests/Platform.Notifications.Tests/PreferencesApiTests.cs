using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Tests;

/// <summary>Users manage their own email preferences; the unsubscribe link works without signing in.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class PreferencesApiTests(NotificationsServiceFixture service)
{
    [Fact]
    public async Task A_new_user_receives_everything()
    {
        var preferences = await UserClient(Guid.NewGuid()).GetFromJsonAsync<JsonElement>("/preferences");

        Assert.True(preferences.GetProperty("groupMessages").GetBoolean());
        Assert.True(preferences.GetProperty("digests").GetBoolean());
        Assert.True(preferences.GetProperty("security").GetBoolean());
        Assert.True(preferences.GetProperty("transactional").GetBoolean());
    }

    [Fact]
    public async Task A_user_turns_group_messages_off_and_only_their_own_preferences_change()
    {
        var user = UserClient(Guid.NewGuid());
        var someoneElse = UserClient(Guid.NewGuid());

        var response = await user.PatchMergeAsync("/preferences", new { groupMessages = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await user.GetFromJsonAsync<JsonElement>("/preferences");
        Assert.False(saved.GetProperty("groupMessages").GetBoolean());
        Assert.True(saved.GetProperty("digests").GetBoolean());
        Assert.True((await someoneElse.GetFromJsonAsync<JsonElement>("/preferences")).GetProperty("groupMessages").GetBoolean());

        await user.PutAsJsonAsync("/preferences", new { groupMessages = true, digests = false });
        saved = await user.GetFromJsonAsync<JsonElement>("/preferences");
        Assert.True(saved.GetProperty("groupMessages").GetBoolean());
        Assert.False(saved.GetProperty("digests").GetBoolean());
    }

    [Theory]
    [InlineData("security")]
    [InlineData("transactional")]
    public async Task Turning_off_security_or_transactional_emails_is_refused(string category)
    {
        var user = UserClient(Guid.NewGuid());

        var response = await user.PatchMergeAsync("/preferences", new Dictionary<string, bool> { [category] = false, ["groupMessages"] = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:platform:problem:validation", problem.GetProperty("type").GetString());
        Assert.Contains("cannot be turned off", problem.GetProperty("errors").GetProperty(category)[0].GetString());
        // Nothing of a refused request is applied.
        Assert.True((await user.GetFromJsonAsync<JsonElement>("/preferences")).GetProperty("groupMessages").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_category_is_refused_rather_than_ignored()
    {
        var response = await UserClient(Guid.NewGuid()).PutAsJsonAsync("/preferences", new { marketing = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("marketing", out _));
    }

    [Fact]
    public async Task A_put_missing_a_preference_is_a_400_naming_it_and_changes_nothing()
    {
        var user = UserClient(Guid.NewGuid());
        await user.PatchMergeAsync("/preferences", new { digests = false });

        var response = await user.PutAsJsonAsync("/preferences", new { groupMessages = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["digests"], errors.EnumerateObject().Select(e => e.Name));
        var saved = await user.GetFromJsonAsync<JsonElement>("/preferences");
        Assert.True(saved.GetProperty("groupMessages").GetBoolean());
        Assert.False(saved.GetProperty("digests").GetBoolean());
    }

    [Fact]
    public async Task A_patch_changes_one_preference_keeps_the_other_and_null_puts_back_the_default()
    {
        var user = UserClient(Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, (await user.PutAsJsonAsync("/preferences", new { groupMessages = false, digests = false })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await user.PatchMergeAsync("/preferences", new { digests = true })).StatusCode);
        var saved = await user.GetFromJsonAsync<JsonElement>("/preferences");
        Assert.False(saved.GetProperty("groupMessages").GetBoolean());
        Assert.True(saved.GetProperty("digests").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await user.PatchMergeAsync("/preferences", new { groupMessages = (bool?)null })).StatusCode);
        Assert.True((await user.GetFromJsonAsync<JsonElement>("/preferences")).GetProperty("groupMessages").GetBoolean());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await user.PatchAsJsonAsync("/preferences", new { digests = false })).StatusCode);
    }

    [Fact]
    public async Task Preferences_need_a_signed_in_user() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.Host.CreateClient().GetAsync("/preferences")).StatusCode);

    [Fact]
    public async Task The_one_click_unsubscribe_post_turns_group_messages_off_without_signing_in()
    {
        var userId = Guid.NewGuid();
        var token = Tokens.Create(userId, EmailCategory.GroupMessages);

        var response = await service.Host.CreateClient().PostAsync(
            $"/unsubscribe?token={Uri.EscapeDataString(token)}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False((await UserClient(userId).GetFromJsonAsync<JsonElement>("/preferences")).GetProperty("groupMessages").GetBoolean());
    }

    [Fact]
    public async Task Opening_the_unsubscribe_link_shows_a_button_and_changes_nothing()
    {
        var userId = Guid.NewGuid();
        var token = Tokens.Create(userId, EmailCategory.GroupMessages);
        var client = service.Host.CreateClient();

        var page = await client.GetAsync($"/unsubscribe?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\"", html);
        Assert.Contains($"value=\"{token}\"", html);
        Assert.True((await UserClient(userId).GetFromJsonAsync<JsonElement>("/preferences")).GetProperty("groupMessages").GetBoolean());

        // The button posts the form.
        var posted = await client.PostAsync("/unsubscribe", new FormUrlEncodedContent([new("token", token)]));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.False((await UserClient(userId).GetFromJsonAsync<JsonElement>("/preferences")).GetProperty("groupMessages").GetBoolean());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=forged")]
    public async Task A_broken_unsubscribe_link_is_refused(string query)
    {
        var client = service.Host.CreateClient();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/unsubscribe{query}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/unsubscribe{query}", null)).StatusCode);
    }

    [Fact]
    public async Task A_token_for_security_emails_unsubscribes_from_nothing()
    {
        var userId = Guid.NewGuid();
        var token = Tokens.Create(userId, EmailCategory.Security);

        var response = await service.Host.CreateClient().PostAsync($"/unsubscribe?token={Uri.EscapeDataString(token)}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private UnsubscribeTokens Tokens => service.Host.Services.GetRequiredService<UnsubscribeTokens>();

    private HttpClient UserClient(Guid userId) => service.Host.CreateClientAs(new InternalIdentity(userId));
}
