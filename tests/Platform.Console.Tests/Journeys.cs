using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>Steps many journeys share: becoming a person with a verified account, signing in, accepting an emailed invitation.</summary>
internal static class Journeys
{
    public const string Password = "a quiet harbour at dawn";
    // Required fields' labels end in an asterisk, the invitation page's says how long; "Current password" must not match.
    private static readonly Regex PasswordLabel = new("^Password");

    /// <summary>Signs up in the console, opens the verification link from the email, and signs in: the page ends on My account.</summary>
    public static async Task SignUpVerifiedAsync(ConsolePlatform platform, IPage page, string email, string firstName, string lastName)
    {
        await page.GotoAsync("/sign-up");
        await page.GetByLabel("First name").FillAsync(firstName);
        await page.GetByLabel("Last name").FillAsync(lastName);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel(PasswordLabel).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);

        var link = await platform.Mail.WaitForLinkAsync(email, "/api/identity/pages/verify-email", TimeSpan.FromSeconds(60));
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Email address verified")).ToBeVisibleAsync();

        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel(PasswordLabel).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // Password hashing on a machine busy with other suites can take longer than the usual wait.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"), new() { Timeout = 60_000 });
    }

    /// <summary>
    /// Someone without an account follows the invitation email: chooses a password (which signs them in), then
    /// accepts on membership's page. The page ends on the welcome.
    /// </summary>
    public static async Task AcceptInvitationAsNewcomerAsync(ConsolePlatform platform, IPage page, string email)
    {
        var link = await platform.Mail.WaitForLinkAsync(email, "/api/identity/invitation", TimeSpan.FromSeconds(60));
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByLabel(PasswordLabel).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and join" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You are now a member of")).ToBeVisibleAsync();
    }

    /// <summary>Presses Create on the organizations page (its form filled) until the new organization's page opens.</summary>
    public static async Task CreateOrganizationAsync(IPage page, string name)
    {
        // Membership learns that the address is verified from identity's event: right after sign-up it may not know yet.
        var created = page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });
        var refused = page.GetByRole(AriaRole.Alert);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
            await Assertions.Expect(created.Or(refused)).ToBeVisibleAsync();
            if (await created.IsVisibleAsync()) return;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.Fail($"The organization was not created: {await refused.InnerTextAsync()}");
    }

    public sealed record ApiAnswer(int Status, string Body);

    /// <summary>A call the page's own script could make: same origin, the session cookie, no page in between.</summary>
    public static async Task<ApiAnswer> CallAsync(IPage page, string method, string path, object? body = null)
    {
        var answer = await page.EvaluateAsync<JsonElement>(
            """
            async ([method, path, body]) => {
              const response = await fetch(path, {
                method, credentials: 'same-origin',
                headers: body === null ? {} : { 'Content-Type': 'application/json' },
                body: body === null ? undefined : JSON.stringify(body),
              });
              return { status: response.status, body: await response.text() };
            }
            """,
            new object?[] { method, path, body });
        return new ApiAnswer(answer.GetProperty("status").GetInt32(), answer.GetProperty("body").GetString() ?? "");
    }
}
