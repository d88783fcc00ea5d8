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
