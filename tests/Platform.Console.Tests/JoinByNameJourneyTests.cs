using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// Issue 14, joining by name, in the console: the owner opens the organization to join requests with a switch, a
/// person finds it by its short name and asks to join with a word to its admins, the owner approves from the request's
/// page, and the organization is among the person's own.
/// </summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed class JoinByNameJourneyTests(ConsolePlatform platform)
{
    [Fact]
    public async Task A_person_asks_to_join_by_short_name_and_is_a_member_once_the_owner_approves()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var name = $"Allotment Society {run}";
        var slug = $"allotments-{run}";
        await using var owner = await platform.VisitAsync("join-owner");
        await Journeys.SignUpVerifiedAsync(platform, owner.Page, $"olga-{run}@example.com", "Olga", "Owner");
        await owner.Page.GotoAsync("/organizations");
        var create = owner.Page.GetByRole(AriaRole.Region, new() { Name = "Create an organization" });
        await create.GetByLabel(new Regex("^Name")).FillAsync(name);
        await create.GetByLabel(new Regex("^Short name")).FillAsync(slug);
        await Journeys.CreateOrganizationAsync(owner.Page, name);
        var organizationId = Regex.Match(owner.Page.Url, "/organizations/([0-9a-f-]{36})").Groups[1].Value;

        var open = owner.Page.GetByRole(AriaRole.Switch, new() { Name = "Open to join requests" });
        await Assertions.Expect(open).Not.ToBeCheckedAsync();
        await open.ClickAsync(); // the switch follows the saved setting, once the PATCH answers
        await Assertions.Expect(open).ToBeCheckedAsync();
        await owner.Page.ReloadAsync();
        await Assertions.Expect(open).ToBeCheckedAsync(); // saved, not only switched on the page
        await owner.ScreenAsync("organization-open-to-join");
        // The console has no policy editor yet: the owner's page sets the policy for membership.join through the API.
        var policy = await Journeys.CallAsync(owner.Page, "PUT", $"/api/approvals/organizations/{organizationId}/policies/membership.join",
            new { steps = new[] { new { name = "the owner", source = "role", role = "owner" } } });
        Assert.True(policy.Status is 200 or 201, policy.Body);

        await using var person = await platform.VisitAsync("join-person");
        var page = person.Page;
        await Journeys.SignUpVerifiedAsync(platform, page, $"pia-{run}@example.com", "Pia", "Plot");
        await page.GetByRole(AriaRole.Link, new() { Name = "Organizations" }).ClickAsync();
        var join = page.GetByRole(AriaRole.Region, new() { Name = "Join an organization" });
        await join.GetByLabel(new Regex("^Its short name")).FillAsync("no-such-organization-here");
        await join.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(join.GetByText("No organization open to join requests is called")).ToBeVisibleAsync();
        await join.GetByLabel(new Regex("^Its short name")).FillAsync(slug);
        await join.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        var ask = join.GetByRole(AriaRole.Form, new() { Name = $"Ask to join {name}" });
        await ask.GetByLabel("A word to its admins (optional)").FillAsync("We took over plot 12.");
        await person.ScreenAsync("join-request");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickAsync();
        await Assertions.Expect(join.GetByRole(AriaRole.Status)).ToContainTextAsync($"Your request to join {name} waits for a decision.");
        await join.GetByRole(AriaRole.Link, new() { Name = "Follow your request" }).ClickAsync();
        var title = $"Pia Plot asks to join {name}";
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        var requestPath = new Uri(page.Url).PathAndQuery;

        await owner.Page.GotoAsync(requestPath);
        await Assertions.Expect(owner.Page.GetByText("We took over plot 12.")).ToBeVisibleAsync();
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(owner.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your decision is recorded.");

        // Membership grants the approved join from approvals' event a moment later.
        var mine = page.GetByRole(AriaRole.Link, new() { Name = name });
        for (var attempt = 0; ; attempt++)
        {
            await page.GotoAsync("/organizations");
            try
            {
                await Assertions.Expect(mine).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 20)
            {
            }
        }

        await person.ScreenAsync("joined");
    }
}
