using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// Issue 15, browser scenario 4: the owner writes a policy with a manager step and an external approver in the policies
/// editor; a request (made through the API, as a client app would); the manager follows the emailed link, signs in and
/// approves in the inbox; the external approver decides on the emailed page; the requester follows the history in the console.
/// On the way, the manager asks for a higher rank on the organization's requests page, and membership grants it once the owner approves.
/// </summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed partial class ApprovalsJourneyTests(ConsolePlatform platform)
{
    [Fact]
    public async Task The_manager_approves_in_the_inbox_the_external_approver_on_the_emailed_page_and_the_requester_sees_the_history()
    {
        var owner = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Rhea");
        var manager = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Max");
        var organization = await CreateOrganizationAsync(owner);
        var added = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/members", new { email = manager.Email, rank = "manager" });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var managerId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetGuid();

        await OwnerWritesThePolicyAsync(owner, organization);
        var elevation = new { steps = new object[] { new { name = "Owner", source = "role", role = "owner" } } };
        Assert.True((await owner.Http.PutAsJsonAsync($"/api/approvals/organizations/{organization}/policies/role.elevation", elevation)).IsSuccessStatusCode);
        await Eventually.TrueAsync(async () => (await owner.Http.GetAsync($"/api/approvals/approvers/{managerId}")).IsSuccessStatusCode,
            "approvals to know the manager", TimeSpan.FromSeconds(60));
        var title = $"Delivery van {Random.Shared.Next(1000, 9999)}";
        var buyer = $"buyer-{Guid.NewGuid():N}@partner.example";
        var created = await owner.Http.PostAsJsonAsync($"/api/approvals/organizations/{organization}/requests",
            new { type = "purchase", title, summary = "Replaces the van from 2012.", amount = 42000m, currency = "EUR", externalNominee = buyer });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var requestId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var rankRequest = await ManagerApprovesAsync(manager, organization, title, requestId);
        await TheOwnerGrantsTheHigherRankAsync(owner, organization, managerId, rankRequest);
        await BuyerApprovesAsync(buyer, title);
        await RequesterSeesTheHistoryAsync(owner, title);
    }

    /// <summary>
    /// The owner's policies editor: two steps (the organization's managers, then an external approver the requester names
    /// from an allowed domain). Approvals learns of a new organization from membership's events, so saving is retried
    /// until it knows it, as a person would press Save again.
    /// </summary>
    private async Task OwnerWritesThePolicyAsync(GatewayUser owner, Guid organization)
    {
        await using var visitor = await platform.VisitAsync("approvals-owner");
        var page = visitor.Page;
        await page.GotoAsync($"/organizations/{organization}");
        await SignInSteps.SignInAsync(page, owner.Email, GatewayUser.Password);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Organization" }).GetByRole(AriaRole.Link, new() { Name = "Approval policies" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No policies yet")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New policy" }).ClickAsync();

        var form = page.GetByRole(AriaRole.Form, new() { Name = "New policy" });
        await form.GetByLabel("Type of request").FillAsync("purchase");
        await form.GetByLabel("Name of step 1").FillAsync("Manager");
        await form.GetByLabel("Who approves step 1").SelectOptionAsync("role");
        await form.GetByLabel("Rank or role for step 1").FillAsync("manager");
        await form.GetByLabel("Rank or role for step 1").PressAsync("Escape");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a step" }).ClickAsync();
        await form.GetByLabel("Name of step 2").FillAsync("Buyer");
        await form.GetByLabel("Who approves step 2").SelectOptionAsync("external-nominee");
        await form.GetByLabel("The requester may name an external approver").CheckAsync();
        await form.GetByLabel("Allowed email domains for external approvers").FillAsync("partner.example");
        await visitor.ScreenAsync("policy-editor");

        var saved = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The policy purchase is saved." });
        await Eventually.TrueAsync(async () =>
        {
            await form.GetByRole(AriaRole.Button, new() { Name = "Save the policy" }).ClickAsync();
            await Assertions.Expect(saved.Or(page.GetByRole(AriaRole.Alert))).ToBeVisibleAsync();
            if (await saved.IsVisibleAsync()) return true;
            await Task.Delay(TimeSpan.FromSeconds(1));
            return false;
        }, "approvals to know the organization and save its policy", TimeSpan.FromSeconds(60));

        var policies = page.GetByRole(AriaRole.Table, new() { Name = "Approval policies" });
        await Assertions.Expect(policies.GetByRole(AriaRole.Row).Filter(new() { HasText = "purchase" }))
            .ToContainTextAsync("Manager (members with a rank or role: manager, 1) → Buyer (an external approver the requester names, 1)");
        await visitor.ScreenAsync("policies");

        // What the editor saved is what approvals routes by.
        var policy = await owner.Http.GetFromJsonAsync<JsonElement>($"/api/approvals/organizations/{organization}/policies/purchase");
        Assert.Equal(["partner.example"], policy.GetProperty("externalDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.True(policy.GetProperty("requesterMayNominate").GetBoolean());
    }

    /// <summary>
    /// The welcome email's link is the sign-in screen; the approver's "Review the request" link opens the request in the
    /// console after signing in; the inbox lists it and the manager approves there.
    /// </summary>
    private async Task<Guid> ManagerApprovesAsync(GatewayUser manager, Guid organization, string title, Guid requestId)
    {
        await using var visitor = await platform.VisitAsync("approvals-manager");
        var page = visitor.Page;

        var welcome = await EmailAsync(manager.Email, "Welcome to Platform");
        await page.GotoAsync(new Uri(LinkIn(welcome.Text, "/sign-in")).PathAndQuery);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        var review = await EmailAsync(manager.Email, title);
        var link = new Uri(LinkIn(review.Text, "/approvals/requests/"));
        Assert.Equal($"/approvals/requests/{requestId}", link.AbsolutePath);
        await page.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?next="));
        await SignInSteps.SignInAsync(page, manager.Email, GatewayUser.Password);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/approvals/requests/{requestId}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Approvals", Exact = true }).ClickAsync();
        var waiting = page.GetByRole(AriaRole.Table, new() { Name = "Waiting for my decision" });
        await Assertions.Expect(waiting).ToContainTextAsync("Rhea Tester");
        await visitor.ScreenAsync("inbox");
        await waiting.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Assertions.Expect(page.GetByText("Step 1 of 2: Manager")).ToBeVisibleAsync();
        await page.GetByLabel("Comment (optional)").FillAsync("Budget checked");
        await visitor.ScreenAsync("request-to-decide");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your decision is recorded.");
        await Assertions.Expect(page.GetByText("Step 2 of 2: Buyer")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to approvals" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Nothing waits for your decision.")).ToBeVisibleAsync();

        // A manager sees the organization's requests (managers without a unit scope read them all) but not its policies,
        // and the API refuses them if the page is bypassed.
        await page.GotoAsync($"/organizations/{organization}/requests");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Requests" }).GetByRole(AriaRole.Row).Filter(new() { HasText = title }))
            .ToContainTextAsync("Step 2 of 2: Buyer");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Approval policies" })).ToHaveCountAsync(0);
        await visitor.ScreenAsync("organization-requests");
        var refused = await Journeys.CallAsync(page, "GET", $"/api/approvals/organizations/{organization}/policies");
        Assert.Equal(403, refused.Status);

        // Below admin, the manager may ask for a higher rank there: a role.elevation request in their own name.
        var ask = page.GetByRole(AriaRole.Region, new() { Name = "Ask for a higher rank" });
        await ask.GetByLabel("Rank").SelectOptionAsync("admin");
        await ask.GetByLabel("Why (optional)").FillAsync("Covering the spring orders");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Assertions.Expect(ask.GetByRole(AriaRole.Status)).ToContainTextAsync("Your request is on its way.");
        var follow = await ask.GetByRole(AriaRole.Link, new() { Name = "Follow it" }).GetAttributeAsync("href");
        return Guid.Parse(follow!.Split('/').Last());
    }

    /// <summary>The owner, whom the role.elevation policy asks, approves; membership then grants the rank.</summary>
    private static async Task TheOwnerGrantsTheHigherRankAsync(GatewayUser owner, Guid organization, Guid managerId, Guid rankRequest)
    {
        var request = await owner.Http.GetFromJsonAsync<JsonElement>($"/api/approvals/requests/{rankRequest}");
        Assert.Equal("role.elevation", request.GetProperty("type").GetString());
        Assert.Equal($"user={managerId};rank=admin", request.GetProperty("subject").GetProperty("externalId").GetString());
        var decided = await owner.Http.PostAsJsonAsync($"/api/approvals/requests/{rankRequest}/decision", new { decision = "approve" });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(async () =>
            (await owner.Http.GetFromJsonAsync<JsonElement>($"/api/membership/organizations/{organization}/members/{managerId}")).GetProperty("rank").GetString() == "admin",
            "membership to grant the approved rank", TimeSpan.FromSeconds(30));
    }

    /// <summary>The external approver's one-time page, without the console: it still works and decides.</summary>
    private async Task BuyerApprovesAsync(string buyer, string title)
    {
        var email = await platform.Mail.WaitForEmailToAsync(buyer, TimeSpan.FromSeconds(60));
        var link = ExternalLink().Match(email.Text ?? "");
        Assert.True(link.Success, email.Text);
        await using var visitor = await platform.VisitAsync("approvals-buyer");
        var page = visitor.Page;
        await page.GotoAsync(link.Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await page.GetByLabel("Comment (optional)").FillAsync("Fine by the buyer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You approved the request.")).ToBeVisibleAsync();
    }

    private async Task RequesterSeesTheHistoryAsync(GatewayUser owner, string title)
    {
        await using var visitor = await platform.VisitAsync("approvals-requester");
        var page = visitor.Page;
        await page.GotoAsync("/approvals");
        await SignInSteps.SignInAsync(page, owner.Email, GatewayUser.Password);
        var mine = page.GetByRole(AriaRole.Table, new() { Name = "My requests" });
        await Assertions.Expect(mine.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("approved");
        await visitor.ScreenAsync("my-requests");

        await mine.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var approvers = page.GetByRole(AriaRole.Table, new() { Name = "Approvers" });
        await Assertions.Expect(approvers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Max Tester" })).ToContainTextAsync("Budget checked");
        await Assertions.Expect(approvers.GetByRole(AriaRole.Row).Filter(new() { HasText = "@partner.example" })).ToContainTextAsync("Fine by the buyer");
        var history = page.GetByRole(AriaRole.Table, new() { Name = "History" });
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Request made" })).ToContainTextAsync("Rhea Tester");
        await Assertions.Expect(history.GetByRole(AriaRole.Cell, new() { Name = "Approved", Exact = true })).ToHaveCountAsync(2);
        await Assertions.Expect(history.GetByRole(AriaRole.Cell, new() { Name = "Link opened", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(history.GetByRole(AriaRole.Cell, new() { Name = "Decided", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel this request" })).ToHaveCountAsync(0);
        await visitor.ScreenAsync("request-history");
    }

    private Task<ReceivedEmail> EmailAsync(string recipient, string subjectPart) =>
        Eventually.GetAsync(async () => (await platform.Mail.ToAsync(recipient)).FirstOrDefault(e => e.Subject.Contains(subjectPart, StringComparison.Ordinal)),
            $"an email to {recipient} about {subjectPart}", TimeSpan.FromSeconds(60));

    private static async Task<Guid> CreateOrganizationAsync(GatewayUser owner)
    {
        var created = await owner.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Van Fleet", slug = $"fleet-{Guid.NewGuid():N}"[..20] });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string LinkIn(string? text, string path)
    {
        var match = Regex.Match(text ?? "", $@"https?://[^\s""<>]+{Regex.Escape(path)}[^\s""<>]*");
        Assert.True(match.Success, $"No link to {path} in:\n{text}");
        return match.Value;
    }

    [GeneratedRegex(@"/api/approvals/external/[A-Za-z0-9_\-]+")]
    private static partial Regex ExternalLink();
}
