using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>Signing in on the console's sign-in screen, where a journey is sent when it needs a session.</summary>
public static partial class SignInSteps
{
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel(PasswordLabel()).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    // Required fields' labels end in an asterisk; "Current password" and the like must not match.
    [GeneratedRegex("^Password")]
    private static partial Regex PasswordLabel();
}
