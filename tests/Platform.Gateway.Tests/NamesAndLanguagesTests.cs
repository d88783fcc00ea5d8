using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Notifications.Infrastructure;

namespace Platform.Gateway.Tests;

/// <summary>
/// People choose their language at sign-up and in their account, invitations carry names and a language,
/// and the emails read back from the SMTP sink greet them by name in that language.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class NamesAndLanguagesTests(GatewayFixture platform)
{
    private const string VerifyPath = "/api/identity/pages/verify-email";
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task A_person_who_signs_up_in_German_gets_German_emails_until_they_choose_English()
    {
        var email = Registrations.UniqueEmail("deutsch");
        var signUp = new { email, password = Callers.Password, firstName = "Grete", lastName = "Weber", language = "de" };
        Assert.Equal(HttpStatusCode.Accepted, (await callers.Client.PostAsJsonAsync("/api/identity/accounts", signUp)).StatusCode);

        var link = await platform.Mail.WaitForLinkAsync(email, VerifyPath);
        Assert.Equal("Bestätigen Sie Ihre E-Mail-Adresse", link.Email.Subject);
        Assert.StartsWith("Hallo Grete,", link.Email.Text);
        (await callers.Client.PostAsync(VerifyPath, new FormUrlEncodedContent([KeyValuePair.Create("token", link.Token)]))).EnsureSuccessStatusCode();
        var cookie = await callers.LogInForCookieAsync(email);
        var account = await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", cookie)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("de", account.GetProperty("language").GetString());

        var french = await callers.WithCookieAsync(HttpMethod.Put, "/api/identity/account", cookie, new { firstName = "Grete", lastName = "Weber", language = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        Assert.True((await french.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("language", out _));

        var english = await callers.WithCookieAsync(HttpMethod.Put, "/api/identity/account", cookie, new { firstName = "Greta", lastName = "Weber", language = "en" });
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Equal("en", (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString());
        // Left out, the language stays as chosen.
        var renamed = await callers.WithCookieAsync(HttpMethod.Put, "/api/identity/account", cookie, new { firstName = "Greta", lastName = "Weber" });
        Assert.Equal("en", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString());

        var userId = account.GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = platform.Services["notifications"].Provider.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<NotificationsDbContext>().DirectoryUsers.AnyAsync(u => u.UserId == userId && u.Locale == "en");
        }, "notifications to learn the new language");
        var changed = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/password", cookie,
            new { currentPassword = Callers.Password, newPassword = "a different and long enough password" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var notice = await Eventually.GetAsync(async () => (await platform.Mail.ToAsync(email)).FirstOrDefault(e => e.Subject == "Your password was changed"),
            "the password-changed notice in English");
        Assert.StartsWith("Hello Greta,", notice.Text);
    }

    [Fact]
    public async Task An_invitee_with_a_name_and_German_is_greeted_by_name_in_German_and_listed_with_the_name()
    {
        var admin = await callers.PlatformAdminSessionAsync();
        var organization = await new InvitationFlowTests(platform).CreateOrganizationAsync(admin);
        var named = Registrations.UniqueEmail("grete");
        var bare = Registrations.UniqueEmail("bare");
        var path = $"/api/membership/organizations/{organization}/invitations";

        var unsupported = await callers.WithCookieAsync(HttpMethod.Post, path, admin,
            new { invitees = new[] { new { email = named, firstName = "Grete", lastName = "Weber", language = "klingon" } } });
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.True((await unsupported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("invitees[0].language", out _));

        var invited = await callers.WithCookieAsync(HttpMethod.Post, path, admin, new
        {
            emails = new[] { bare },
            invitees = new[] { new { email = named, firstName = " Grete ", lastName = "Weber", language = "de" } },
            rank = "member",
        });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.Equal(2, (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invited").GetInt32());

        var german = await platform.Mail.WaitForEmailToAsync(named);
        Assert.Contains("lädt Sie zu", german.Subject);
        Assert.StartsWith("Hallo Grete,", german.Text);
        var english = await platform.Mail.WaitForEmailToAsync(bare);
        Assert.StartsWith("Hello,", english.Text);

        var list = await (await callers.WithCookieAsync(HttpMethod.Get, path, admin)).Content.ReadFromJsonAsync<JsonElement>();
        var row = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("email").GetString() == named);
        Assert.Equal("Grete", row.GetProperty("firstName").GetString());
        Assert.Equal("Weber", row.GetProperty("lastName").GetString());
        Assert.Equal("de", row.GetProperty("language").GetString());

        // Identity's pending account starts with the name and the language.
        await platform.WaitForIdentityAsync(db => db.Users.AnyAsync(u => u.Email == named && u.FirstName == "Grete" && u.LastName == "Weber" && u.Language == "de"),
            "identity to prepare the named account");
    }
}
