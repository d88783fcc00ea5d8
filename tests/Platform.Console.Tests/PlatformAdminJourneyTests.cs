using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// Issue 15, browser scenario 5: the configured initial platform administrator finds a user, suspends, reactivates,
/// unlocks, impersonates them with the banner on every screen, stops with one click; the audit log shows each step.
/// </summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed class PlatformAdminJourneyTests(ConsolePlatform platform)
{
    private const string AdminPassword = "the administrator's own long passphrase";
    private static readonly ConditionalWeakTable<ConsolePlatform, Task> AdminPasswordSet = new();

    [Fact]
    public async Task The_platform_admin_suspends_reactivates_unlocks_and_impersonates_a_user_and_the_audit_log_shows_each_step()
    {
        var user = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Tara");
        await SetAdminPasswordAsync();
        await using var visitor = await platform.VisitAsync("platform-admin");
        var page = visitor.Page;
        await page.GotoAsync("/admin/users");
        await SignInSteps.SignInAsync(page, ConsolePlatform.AdminEmail, AdminPassword);

        // Find the user by the start of the address.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        await page.GetByLabel("Search by email or name").FillAsync(user.Email[..12]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var users = page.GetByRole(AriaRole.Table, new() { Name = "Users" });
        await Assertions.Expect(users.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(users).ToContainTextAsync(user.Email);
        await visitor.ScreenAsync("users");
        await users.GetByRole(AriaRole.Link, new() { Name = "Tara Tester" }).ClickAsync();
        var state = page.GetByTestId("user-state");
        await Assertions.Expect(state).ToHaveTextAsync("active");
        await visitor.ScreenAsync("user");

        await MoveAsync(page, "Suspend", "suspended");
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(user.Email, GatewayUser.Password)).StatusCode);
        await MoveAsync(page, "Reactivate", "active");

        // Five wrong passwords lock the account; the administrator sees it and lifts the lock.
        for (var attempt = 0; attempt < 5; attempt++) await LogInAsync(user.Email, "not the password at all");
        await page.ReloadAsync();
        await Assertions.Expect(state).ToHaveTextAsync("locked");
        await MoveAsync(page, "Unlock", "active");
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(user.Email, GatewayUser.Password)).StatusCode);

        // Impersonation: the banner stays on every screen until the one-click stop.
        await page.GetByLabel("Reason").FillAsync("Support ticket 4711: cannot find the approvals");
        await page.GetByRole(AriaRole.Button, new() { Name = "Impersonate" }).ClickAsync();
        var banner = page.GetByRole(AriaRole.Region, new() { Name = "Impersonation" });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Assertions.Expect(page.GetByText($"Email address: {user.Email}")).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync($"You are acting as Tara Tester ({user.Email})");
        await visitor.ScreenAsync("impersonating-account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Approvals", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await visitor.ScreenAsync("impersonating-approvals");
        await banner.GetByRole(AriaRole.Button, new() { Name = "Stop impersonating" }).ClickAsync();
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tara Tester" })).ToBeVisibleAsync();

        // The audit log, filtered to this user, shows every step with the administrator as the actor.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log of this user" }).ClickAsync();
        var audit = page.GetByRole(AriaRole.Table, new() { Name = "Audit log" });
        foreach (var step in new[] { "active -> suspended", "suspended -> active", "locked -> active", "impersonation.started", "impersonation.ended" })
        {
            await Assertions.Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = step }).First).ToContainTextAsync(ConsolePlatform.AdminEmail);
        }

        await Assertions.Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "account.locked-out" })).ToHaveCountAsync(1);
        await visitor.ScreenAsync("audit");
        await page.GetByLabel("Action").FillAsync("impersonation.started");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(audit.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task The_platform_admin_creates_a_user_who_sets_a_password_on_the_styled_link_page_then_makes_them_platform_admin_and_revokes_it()
    {
        var email = $"created-{Guid.NewGuid():N}@example.com";
        await using var visitor = await SignedInAdminAsync("create-user");
        var page = visitor.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Create a user" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Cora");
        await page.GetByLabel("Last name").FillAsync("Created");
        await page.GetByLabel("Email address").FillAsync(email);
        await visitor.ScreenAsync("create-user");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the user" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cora Created" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("an email with a link to choose a password is queued");
        await Assertions.Expect(page.GetByTestId("user-state")).ToHaveTextAsync("pending");

        // The emailed link opens a server-rendered page without JavaScript, in the console's look under its strict policy.
        var link = await platform.Mail.WaitForLinkAsync(email, "/api/identity/pages/reset-password", TimeSpan.FromSeconds(60));
        await using (var person = await platform.VisitAsync("link-page"))
        {
            var errors = new List<string>();
            person.Page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
            var response = await person.Page.GotoAsync(link.PathAndQuery);
            var policy = await response!.HeaderValueAsync("content-security-policy");
            Assert.Contains("style-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.Equal("Platform", await person.Page.Locator("header").TextContentAsync());
            // Applied, not only linked: the card and the header bar take their look from the stylesheet alone.
            var look = await person.Page.EvaluateAsync<string[]>("""
                () => [document.styleSheets.length ? new URL(document.styleSheets[0].href).pathname : '',
                       getComputedStyle(document.querySelector('main')).backgroundColor,
                       getComputedStyle(document.querySelector('header')).height,
                       getComputedStyle(document.querySelector('button')).backgroundColor]
                """);
            Assert.Equal(["/link-pages.css", "rgb(255, 255, 255)", "60px", "rgb(59, 91, 219)"], look);
            await person.ScreenAsync("set-password");
            Assert.Empty(errors);
            await person.Page.GetByLabel("New password").FillAsync("Cora's own passphrase, long enough");
            await person.Page.GetByRole(AriaRole.Button).ClickAsync();
            await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Name = "Password changed" })).ToBeVisibleAsync();
        }

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("user-state")).ToHaveTextAsync("active");
        var role = page.GetByRole(AriaRole.Region, new() { Name = "Platform administrator" });
        await role.GetByRole(AriaRole.Button, new() { Name = "Make platform administrator" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is a platform administrator now");
        await Assertions.Expect(role).ToContainTextAsync("This account is a platform administrator.");
        Assert.Equal(HttpStatusCode.OK, (await LogInAsAsync(email, "Cora's own passphrase, long enough", "/api/identity/admin/users?pageSize=1")).StatusCode);
        await visitor.ScreenAsync("platform-admin-granted");

        await role.GetByRole(AriaRole.Button, new() { Name = "Revoke platform administrator" }).ClickAsync();
        await role.GetByRole(AriaRole.Button, new() { Name = "Revoke the role and end their sessions" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("no longer a platform administrator");
        await Assertions.Expect(role).ToContainTextAsync("This account is not a platform administrator.");
        Assert.Equal(HttpStatusCode.Forbidden, (await LogInAsAsync(email, "Cora's own passphrase, long enough", "/api/identity/admin/users?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task The_platform_admin_registers_a_platform_wide_client_app_and_lets_it_sign_users_in()
    {
        var name = $"Wiki {Guid.NewGuid():N}"[..13];
        await using var visitor = await SignedInAdminAsync("client-apps");
        var page = visitor.Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Client apps" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register the app" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Client app: {name}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This app does not sign users in yet.")).ToBeVisibleAsync();
        await page.GetByLabel("Redirect addresses").FillAsync("https://wiki.example.com/callback");
        // A platform-wide app belongs to no organization: the page offers it no permissions of its own.
        await page.GetByLabel("Client credentials").CheckAsync();
        await Assertions.Expect(page.GetByText("What the app may do on its own")).ToHaveCountAsync(0);
        await page.GetByLabel("Client credentials").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the sign-in settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sign-in settings saved." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Client secret" })).ToBeVisibleAsync();
        await visitor.ScreenAsync("client-app");

        // What the page shows is what identity holds.
        var id = page.Url.Split('/').Last();
        var saved = await page.EvaluateAsync<string>($"async () => JSON.stringify(await (await fetch('/api/identity/admin/client-apps/{id}/openid-connect')).json())");
        Assert.Contains("https://wiki.example.com/callback", saved);
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the client apps" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Client apps" })).ToContainTextAsync(name);
        await visitor.ScreenAsync("client-apps");
    }

    [Fact]
    public async Task A_person_who_is_not_a_platform_admin_sees_no_administration_and_the_api_refuses()
    {
        var user = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Nina");
        await using var visitor = await platform.VisitAsync("not-admin");
        var page = visitor.Page;
        await page.GotoAsync("/admin/users");
        await SignInSteps.SignInAsync(page, user.Email, GatewayUser.Password);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only platform administrators may see this page.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/identity/admin/users')).status");
        Assert.Equal(403, status);
    }

    private static async Task MoveAsync(IPage page, string button, string state)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"the account is {state} now");
        await Assertions.Expect(page.GetByTestId("user-state")).ToHaveTextAsync(state);
    }

    private async Task<ConsoleVisitor> SignedInAdminAsync(string journey)
    {
        await SetAdminPasswordAsync();
        var visitor = await platform.VisitAsync(journey);
        await visitor.Page.GotoAsync("/admin/users");
        await SignInSteps.SignInAsync(visitor.Page, ConsolePlatform.AdminEmail, AdminPassword);
        await Assertions.Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Users" })).ToBeVisibleAsync();
        return visitor;
    }

    /// <summary>Signs in as the person with a fresh cookie jar and asks the gateway for <paramref name="path"/>.</summary>
    private async Task<HttpResponseMessage> LogInAsAsync(string email, string password, string path)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = platform.Gateway };
        var login = await http.PostAsJsonAsync("/api/identity/sessions", new { email, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return await http.GetAsync(path);
    }

    private async Task<HttpResponseMessage> LogInAsync(string email, string password)
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        return await http.PostAsJsonAsync("/api/identity/sessions", new { email, password });
    }

    /// <summary>The initial administrator's set-password link arrives once per platform; the first test to need it uses it.</summary>
    private Task SetAdminPasswordAsync()
    {
        lock (AdminPasswordSet) return AdminPasswordSet.GetValue(platform, SetPasswordAsync);

        static async Task SetPasswordAsync(ConsolePlatform platform)
        {
            var link = await platform.Mail.WaitForLinkAsync(ConsolePlatform.AdminEmail, "/api/identity/pages/reset-password", TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = platform.Gateway };
            var reset = await http.PostAsJsonAsync("/api/identity/accounts/password/reset", new { token = link.Token, newPassword = AdminPassword });
            Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        }
    }
}
