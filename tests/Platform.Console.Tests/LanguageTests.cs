using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

[Collection(ConsolePlatformCollection.Name)]
public sealed class LanguageTests(ConsolePlatform platform)
{
    [Fact]
    public async Task A_person_switches_to_German_and_the_console_stays_German_after_a_reload()
    {
        await using var visitor = await platform.VisitAsync("language");
        var page = visitor.Page;
        await page.GotoAsync("/sign-in");

        await page.GetByLabel("Language").SelectOptionAsync("de");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Anmelden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Passwort vergessen?" })).ToBeVisibleAsync();
        await visitor.ScreenAsync("sign-in-de");
    }

    /// <summary>The account keeps the language: another browser, where nothing was chosen, shows German after signing in.</summary>
    [Fact]
    public async Task A_signed_in_person_chooses_German_for_the_account_and_keeps_it_after_a_reload_and_in_another_browser()
    {
        var person = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Jonas");
        await using (var visitor = await platform.VisitAsync("account-language"))
        {
            var page = visitor.Page;
            await page.GotoAsync("/account");
            await SignInSteps.SignInAsync(page, person.Email, GatewayUser.Password);
            var profile = page.GetByRole(AriaRole.Region, new() { Name = "Profile" });
            await profile.GetByLabel("Language").SelectOptionAsync("de");
            await profile.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mein Konto" })).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mein Konto" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Persönliche Zugriffstoken" })).ToBeVisibleAsync();
            await visitor.ScreenAsync("account-de");
        }

        await using var elsewhere = await platform.VisitAsync("account-language-elsewhere");
        await elsewhere.Page.GotoAsync("/account");
        await SignInSteps.SignInAsync(elsewhere.Page, person.Email, GatewayUser.Password);
        await Assertions.Expect(elsewhere.Page.GetByRole(AriaRole.Heading, new() { Name = "Mein Konto" })).ToBeVisibleAsync();
        await Assertions.Expect(elsewhere.Page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        var account = await person.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/identity/account");
        Assert.Equal("de", account.GetProperty("language").GetString());
    }

    [Fact]
    public async Task The_sign_in_form_works_from_the_keyboard_alone()
    {
        await using var visitor = await platform.VisitAsync("keyboard");
        var page = visitor.Page;
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FocusAsync();

        await page.Keyboard.TypeAsync($"nobody-{Guid.NewGuid():N}@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("not a password of anyone");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email address or password is not correct");
    }
}
