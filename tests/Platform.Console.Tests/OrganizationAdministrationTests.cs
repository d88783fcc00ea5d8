using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// Issue 15, browser scenario 2: an owner creates an organization, builds its units, invites three people with one
/// pasted list; each accepts in a browser of their own; the owner changes ranks; a manager does not see the controls
/// for an admin, and the API refuses when the manager goes around the page.
/// </summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed class OrganizationAdministrationTests(ConsolePlatform platform)
{
    [Fact]
    public async Task An_owner_builds_an_organization_and_a_manager_cannot_act_on_an_admin_even_around_the_page()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ownerEmail = $"owner-{run}@example.com";
        var (adminEmail, managerEmail, memberEmail) = ($"ada-{run}@example.com", $"max-{run}@example.com", $"mia-{run}@example.com");
        await using var owner = await platform.VisitAsync("organization");
        var page = owner.Page;
        await Journeys.SignUpVerifiedAsync(platform, page, ownerEmail, "Olive", "Owner");

        // Create the organization; the owner lands on its overview.
        await page.GetByRole(AriaRole.Link, new() { Name = "Organizations" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You belong to no organization yet")).ToBeVisibleAsync();
        await owner.ScreenAsync("organizations-none");
        var name = $"Harbour Co-op {run}";
        await page.GetByRole(AriaRole.Region, new() { Name = "Create an organization" }).GetByLabel(new Regex("^Name")).FillAsync(name);
        await Journeys.CreateOrganizationAsync(page, name);
        await Assertions.Expect(page.GetByText("Your rank here: owner")).ToBeVisibleAsync();
        var organizationId = Regex.Match(page.Url, "/organizations/([0-9a-f-]{36})").Groups[1].Value;
        await owner.ScreenAsync("organization-home");

        // Units: two branches and a team, the team then moved to the other branch, one branch renamed.
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Organization" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Units" }).ClickAsync();
        await CreateUnitAsync(page, "North", "branch", parent: null);
        await CreateUnitAsync(page, "South", "branch", parent: null);
        await CreateUnitAsync(page, "Packing", "team", parent: "North");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move Packing" }).ClickAsync();
        await page.GetByLabel("New place for Packing").SelectOptionAsync(new SelectOptionValue { Label = "South" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("New place for Packing")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename North" }).ClickAsync();
        await page.GetByLabel("Rename North").FillAsync("North branch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the name" }).ClickAsync();
        var tree = page.GetByRole(AriaRole.List, new() { Name = "Units of the organization" });
        await Assertions.Expect(tree.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "South" }).GetByText("Packing", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(tree.GetByText("North branch", new() { Exact = true })).ToBeVisibleAsync();
        await owner.ScreenAsync("units");

        // Three people with one pasted list, a result per address.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await page.GetByLabel("Email addresses").FillAsync($"{adminEmail}\n{managerEmail}, {memberEmail}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 invited.");
        var results = page.GetByRole(AriaRole.Table, new() { Name = "Result per address" }).GetByRole(AriaRole.Row);
        await Assertions.Expect(results.Filter(new() { HasText = "invited" })).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Revoke for {memberEmail}" })).ToBeVisibleAsync();
        await owner.ScreenAsync("invitations");

        // Each accepts from the email, in a browser of their own (and stays signed in there).
        await using var admin = await platform.VisitAsync("invitee-admin");
        await using var manager = await platform.VisitAsync("invitee-manager");
        await using var member = await platform.VisitAsync("invitee-member");
        await Journeys.AcceptInvitationAsNewcomerAsync(platform, admin.Page, adminEmail);
        await Journeys.AcceptInvitationAsNewcomerAsync(platform, manager.Page, managerEmail);
        await Journeys.AcceptInvitationAsNewcomerAsync(platform, member.Page, memberEmail);

        // The owner finds each by searching the members list, and changes two ranks.
        var adminId = await ChangeRankAsync(owner, organizationId, adminEmail, "admin");
        await owner.ScreenAsync("member-detail");
        await ChangeRankAsync(owner, organizationId, managerEmail, "manager");
        var memberId = await OpenMemberAsync(owner.Page, organizationId, memberEmail);
        await page.GotoAsync($"/organizations/{organizationId}/members?rank=manager");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 members");
        await owner.ScreenAsync("members");

        // The manager sees no controls on the admin, and sees them on a member, so the page does hide by rank.
        var managerPage = manager.Page;
        await managerPage.GotoAsync($"/organizations/{organizationId}/members/{adminId}");
        await Assertions.Expect(managerPage.GetByText("You cannot change this member")).ToBeVisibleAsync();
        await Assertions.Expect(managerPage.GetByRole(AriaRole.Button, new() { Name = "Save the changes" })).ToHaveCountAsync(0);
        await Assertions.Expect(managerPage.GetByRole(AriaRole.Button, new() { Name = "Suspend in this organization" })).ToHaveCountAsync(0);
        await manager.ScreenAsync("member-detail-as-manager");
        await managerPage.GotoAsync($"/organizations/{organizationId}/members/{memberId}");
        await Assertions.Expect(managerPage.GetByRole(AriaRole.Button, new() { Name = "Save the changes" })).ToBeVisibleAsync();
        await Assertions.Expect(managerPage.GetByLabel("Rank", new() { Exact = true })).Not.ToContainTextAsync("admin");

        // Around the page, from the manager's own signed-in page: the API refuses the admin and allows the member.
        var demote = await Journeys.CallAsync(managerPage, "PUT", $"/api/membership/organizations/{organizationId}/members/{adminId}",
            new { rank = "member", unitIds = Array.Empty<Guid>(), customFields = new { } });
        Assert.Equal(403, demote.Status);
        Assert.Contains("A manager cannot act on an admin", demote.Body);
        var suspendAdmin = await Journeys.CallAsync(managerPage, "POST", $"/api/membership/organizations/{organizationId}/members/{adminId}/suspend");
        Assert.Equal(403, suspendAdmin.Status);
        var suspendMember = await Journeys.CallAsync(managerPage, "POST", $"/api/membership/organizations/{organizationId}/members/{memberId}/suspend");
        Assert.Equal(200, suspendMember.Status);

        // The admin is still an admin, as the owner sees.
        await page.GotoAsync($"/organizations/{organizationId}/members/{adminId}");
        await Assertions.Expect(page.GetByText($"{adminEmail} · admin")).ToBeVisibleAsync();
    }

    private static async Task CreateUnitAsync(IPage page, string name, string label, string? parent)
    {
        var form = page.GetByRole(AriaRole.Region, new() { Name = "Create a unit" });
        await form.GetByLabel(new Regex("^Name")).FillAsync(name);
        await form.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = label });
        await form.GetByLabel("Inside").SelectOptionAsync(new SelectOptionValue { Label = parent ?? "Top level" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Create the unit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Units of the organization" }).GetByText(name, new() { Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Searches the members list for the address and opens the member; returns their id.</summary>
    private static async Task<string> OpenMemberAsync(IPage page, string organizationId, string email)
    {
        // Membership's copy of a new account arrives by event: the search may need a moment to find it.
        var link = page.GetByRole(AriaRole.Link, new() { Name = email });
        for (var attempt = 0; ; attempt++)
        {
            await page.GotoAsync($"/organizations/{organizationId}/members");
            await page.GetByLabel("Search by name or email").FillAsync(email[..8]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("search="));
            try
            {
                await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 10)
            {
            }
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 members");
        await link.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Member: {email}" })).ToBeVisibleAsync();
        return Regex.Match(page.Url, "/members/([0-9a-f-]{36})").Groups[1].Value;
    }

    private static async Task<string> ChangeRankAsync(ConsoleVisitor visitor, string organizationId, string email, string rank)
    {
        var userId = await OpenMemberAsync(visitor.Page, organizationId, email);
        await visitor.Page.GetByLabel("Rank", new() { Exact = true }).SelectOptionAsync(rank);
        await visitor.Page.GetByRole(AriaRole.Button, new() { Name = "Save the changes" }).ClickAsync();
        await Assertions.Expect(visitor.Page.GetByText($"{email} · {rank}")).ToBeVisibleAsync();
        return userId;
    }
}
