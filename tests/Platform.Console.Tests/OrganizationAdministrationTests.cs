using System.Text;
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

    /// <summary>
    /// Issue 15, browser scenario 3, with the accounts an organization manages (issue 14 item 1). The managed account comes first,
    /// so that the file has an existing member to update as well as a new person: the export then shows what the import changed.
    /// </summary>
    [Fact]
    public async Task An_owner_imports_a_csv_through_the_wizard_exports_the_members_and_sets_a_managed_accounts_temporary_password()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var (kaiEmail, ninaEmail) = ($"kai-{run}@example.com", $"nina-{run}@example.com");
        await using var owner = await platform.VisitAsync("import");
        var page = owner.Page;
        await Journeys.SignUpVerifiedAsync(platform, page, $"imke-{run}@example.com", "Imke", "Owner");
        await page.GotoAsync("/organizations");
        var name = $"Import Co-op {run}";
        await page.GetByRole(AriaRole.Region, new() { Name = "Create an organization" }).GetByLabel(new Regex("^Name")).FillAsync(name);
        await Journeys.CreateOrganizationAsync(page, name);
        var organizationId = Regex.Match(page.Url, "/organizations/([0-9a-f-]{36})").Groups[1].Value;
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Organization" });

        // An account the organization manages, with a temporary password; the person becomes a member a moment later.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        var create = page.GetByRole(AriaRole.Region, new() { Name = "Create an account" });
        await create.GetByLabel(new Regex("^First name")).FillAsync("Kai");
        await create.GetByLabel(new Regex("^Last name")).FillAsync("Keeper");
        await create.GetByLabel(new Regex("^Email address")).FillAsync(kaiEmail);
        await create.GetByLabel(new Regex("^Temporary password")).FillAsync("too short");
        // Identity learns of the new organization's owner from membership's event: right after creating it, it may not know yet.
        var tooShort = create.GetByText("The password must have at least 15 characters.").First;
        for (var attempt = 0; ; attempt++)
        {
            await create.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
            await Assertions.Expect(create.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
            if (await tooShort.IsVisibleAsync() || attempt == 10) break;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await Assertions.Expect(tooShort).ToBeVisibleAsync();
        await create.GetByLabel(new Regex("^Temporary password")).FillAsync("a first harbour password");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create the account" }).ClickAsync();
        await Assertions.Expect(create.GetByRole(AriaRole.Status)).ToContainTextAsync(kaiEmail);
        await owner.ScreenAsync("members-with-export-and-create");
        var kaiId = await OpenMemberAsync(page, organizationId, kaiEmail, "Kai Keeper");
        var account = page.GetByRole(AriaRole.Region, new() { Name = "Account managed by this organization" });
        await Assertions.Expect(account.GetByText("Account: active · must change the password at the next login")).ToBeVisibleAsync();

        // The wizard: upload, a bad row with its reason, two columns mapped by hand, commit, progress to completed.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Import" }).ClickAsync();
        var csv = $"Mail,Vorname,Nachname,Rank\n{kaiEmail},Kai,Keeper,manager\n{ninaEmail},Nina,Neu,member\nnot-an-email,Bad,Row,member\n";
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Choose a CSV file" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var verdicts = page.GetByRole(AriaRole.Region, new() { Name = "What the import will do" });
        await Assertions.Expect(verdicts.GetByRole(AriaRole.Status)).ToHaveTextAsync("3 rows: 2 ready, 0 to skip, 1 with errors");
        var rows = verdicts.GetByRole(AriaRole.Table, new() { Name = "Verdict per row" }).GetByRole(AriaRole.Row);
        var badRow = rows.Filter(new() { HasText = "not-an-email" });
        await Assertions.Expect(badRow).ToContainTextAsync("invalid email");
        await Assertions.Expect(badRow).ToContainTextAsync("Not a valid email address.");
        await Assertions.Expect(rows.Filter(new() { HasText = kaiEmail })).ToContainTextAsync("update");
        await Assertions.Expect(rows.Filter(new() { HasText = ninaEmail })).Not.ToContainTextAsync("Nina Neu");
        await Assertions.Expect(page.GetByLabel("Column \"Mail\"")).ToHaveValueAsync("email");
        await Assertions.Expect(page.GetByLabel("Column \"Vorname\"")).ToHaveValueAsync("ignore");
        await page.GetByLabel("Column \"Vorname\"").SelectOptionAsync("firstName");
        await page.GetByLabel("Column \"Nachname\"").SelectOptionAsync("lastName");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply the mapping" }).ClickAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = ninaEmail })).ToContainTextAsync("Nina Neu");
        await owner.ScreenAsync("import-dry-run");
        var commit = page.GetByRole(AriaRole.Region, new() { Name = "Import", Exact = true });
        await commit.GetByRole(AriaRole.Button, new() { Name = "Import 2 rows" }).ClickAsync();
        await Assertions.Expect(commit.GetByRole(AriaRole.Status)).ToContainTextAsync("Completed: 1 new, 1 updated");
        await owner.ScreenAsync("import-completed");

        // The export says what the import did: Kai is now a manager; Nina, new, waits as an invitation, not yet a member.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
        var exported = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',')).ToList();
        var column = exported[0].Select((header, index) => (header, index)).ToDictionary(c => c.header, c => c.index);
        var kai = Assert.Single(exported, cells => cells[column["email"]] == kaiEmail);
        Assert.Equal(("Kai", "Keeper", "manager"), (kai[column["firstName"]], kai[column["lastName"]], kai[column["rank"]]));
        Assert.Equal(kaiId, kai[column["userId"]]);
        Assert.DoesNotContain(exported, cells => cells[column["email"]] == ninaEmail);
        Assert.Equal(3, exported.Count);
        await nav.GetByRole(AriaRole.Link, new() { Name = "Invitations" }).ClickAsync();
        await Assertions.Expect(page.GetByText(ninaEmail)).ToBeVisibleAsync();

        // A new temporary password for the managed account; with it, Kai is held until he chooses his own.
        await page.GotoAsync($"/organizations/{organizationId}/members/{kaiId}");
        await account.GetByLabel("Set a temporary password").CheckAsync();
        await account.GetByLabel(new Regex("^Temporary password")).FillAsync("a second harbour password");
        await account.GetByRole(AriaRole.Button, new() { Name = "Reset the password" }).ClickAsync();
        await Assertions.Expect(account.GetByRole(AriaRole.Status)).ToContainTextAsync("The temporary password is set");
        await owner.ScreenAsync("managed-account");
        await using var kaiVisitor = await platform.VisitAsync("managed-account-holder");
        await kaiVisitor.Page.GotoAsync("/sign-in");
        await SignInSteps.SignInAsync(kaiVisitor.Page, kaiEmail, "a second harbour password");
        var kaiPage = kaiVisitor.Page;
        var held = kaiPage.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" });
        await Assertions.Expect(held).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // Kai, now a manager by the import, chooses his own password. He may import, but sees neither the export, nor account
        // creation, nor the settings; around the page, the services refuse him both.
        await kaiPage.GetByLabel(new Regex("^Current password")).FillAsync("a second harbour password");
        await kaiPage.GetByLabel(new Regex("^New password")).FillAsync("my very own harbour password");
        await kaiPage.GetByRole(AriaRole.Button, new() { Name = "Change the password" }).ClickAsync();
        await Assertions.Expect(held).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await kaiPage.GotoAsync($"/organizations/{organizationId}/members");
        var kaiNav = kaiPage.GetByRole(AriaRole.Navigation, new() { Name = "Organization" });
        await Assertions.Expect(kaiNav.GetByRole(AriaRole.Link, new() { Name = "Import" })).ToBeVisibleAsync();
        await Assertions.Expect(kaiPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("2 members");
        await Assertions.Expect(kaiNav.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        await Assertions.Expect(kaiNav.GetByRole(AriaRole.Link, new() { Name = "Access review" })).ToHaveCountAsync(0);
        await Assertions.Expect(kaiPage.GetByRole(AriaRole.Link, new() { Name = "Download as CSV" })).ToHaveCountAsync(0);
        await Assertions.Expect(kaiPage.GetByRole(AriaRole.Region, new() { Name = "Create an account" })).ToHaveCountAsync(0);
        await kaiVisitor.ScreenAsync("members-as-manager");
        var exportAround = await Journeys.CallAsync(kaiPage, "GET", $"/api/membership/organizations/{organizationId}/members/export");
        Assert.Equal(403, exportAround.Status);
        var createAround = await Journeys.CallAsync(kaiPage, "POST", $"/api/identity/organizations/{organizationId}/accounts",
            new { firstName = "Eve", lastName = "Extra", email = $"eve-{run}@example.com", temporaryPassword = "a third harbour password" });
        Assert.Equal(403, createAround.Status);

        // The owner's settings: impersonation by admins switched on (and still on after a reload), Kai offered as the next owner,
        // the access review; last, the organization archived.
        await nav.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var impersonation = page.GetByRole(AriaRole.Switch, new() { Name = "Admins may impersonate members" });
        await Assertions.Expect(impersonation).Not.ToBeCheckedAsync();
        await impersonation.ClickAsync();
        await Assertions.Expect(impersonation).ToBeCheckedAsync();
        await page.ReloadAsync();
        await Assertions.Expect(impersonation).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("New owner")).ToContainTextAsync("Kai Keeper");
        await owner.ScreenAsync("settings");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Access review" }).ClickAsync();
        var reviewed = page.GetByRole(AriaRole.Table, new() { Name = "Members and their access" }).GetByRole(AriaRole.Row).Filter(new() { HasText = kaiEmail });
        await Assertions.Expect(reviewed).ToContainTextAsync("manager");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Owner and admins" })).ToContainTextAsync("Imke Owner");
        await owner.ScreenAsync("access-review");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Archive the organization" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Yes, archive {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByText("This organization is archived: nothing in it can be changed.")).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Import" })).ToHaveCountAsync(0);
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

    /// <summary>Searches the members list for the address and opens the member (listed by name, else by address); returns their id.</summary>
    private static async Task<string> OpenMemberAsync(IPage page, string organizationId, string email, string? name = null)
    {
        // Membership's copy of a new account arrives by event: the search may need a moment to find it.
        var link = page.GetByRole(AriaRole.Link, new() { Name = name ?? email });
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
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Member: {name ?? email}" })).ToBeVisibleAsync();
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
