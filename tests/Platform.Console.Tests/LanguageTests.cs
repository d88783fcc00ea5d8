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
