using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Console.Tests;

/// <summary>
/// Issue 15, organization administration beyond members and units: an owner defines a custom role, grants it to a
/// member over a unit and revokes another grant, defines a permission of the organization's own and a role using it and
/// grants that to a unit, whose member's access then names the unit, makes a restricted and an automatic message group, puts the member in
/// the first and writes to it, registers a client app with an API token (shown once, then revoked) and OpenID
/// Connect settings (the client secret shown once), and a webhook endpoint (its secret shown once) that receives a
/// test event, whose delivery the page then shows. After each step the API holds what the page showed. A member
/// sees none of the owner's controls. The people and the organization come from the API, as a client app would
/// make them: the journey is about the screens.
/// </summary>
[Collection(ConsolePlatformCollection.Name)]
public sealed class AccessAndIntegrationsJourneyTests(ConsolePlatform platform)
{
    [Fact]
    public async Task An_owner_defines_and_grants_a_role_writes_to_a_group_and_registers_a_client_app_that_a_member_cannot_see()
    {
        var owner = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Oona");
        var member = await GatewayUser.SignUpAsync(platform.Gateway, platform.Mail, "Mia");
        var organizationId = await CreateAsync(owner, "/api/membership/organizations", new { name = "Dispatch Co-op", slug = $"dispatch-{Guid.NewGuid():N}"[..24] }, "id");
        var northId = await CreateAsync(owner, $"/api/membership/organizations/{organizationId}/units", new { name = "North", label = "branch" }, "id");
        var memberId = await CreateAsync(owner, $"/api/membership/organizations/{organizationId}/members", new { email = member.Email, rank = "member" }, "userId");
        // Identity learns who administers the organization from membership's events.
        await Eventually.TrueAsync(async () => (await owner.Http.GetAsync($"/api/identity/organizations/{organizationId}/client-apps")).IsSuccessStatusCode,
            "identity to know the organization's owner", TimeSpan.FromSeconds(60));

        await using var visitor = await platform.VisitAsync("access");
        var page = visitor.Page;
        await page.GotoAsync($"/organizations/{organizationId}");
        await SignInSteps.SignInAsync(page, owner.Email, GatewayUser.Password);
        await Assertions.Expect(page.GetByText("Your rank here: owner")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Organization" });

        await RolesAsync(visitor, nav, owner, organizationId);
        await GrantsAsync(visitor, owner, organizationId, memberId);
        await OwnPermissionThroughUnitAsync(visitor, nav, owner, organizationId, northId, memberId);
        await GroupsAsync(visitor, nav, owner, member, organizationId);
        await ClientAppAsync(visitor, nav, owner, organizationId);
        await WebhookAsync(visitor, nav, owner, organizationId);
        await MemberSeesNoOwnerControlsAsync(member, organizationId);
    }

    /// <summary>Define two roles, redefine one, delete the other.</summary>
    private static async Task RolesAsync(ConsoleVisitor visitor, ILocator nav, GatewayUser owner, string organizationId)
    {
        var page = visitor.Page;
        await nav.GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No custom roles yet.")).ToBeVisibleAsync();
        await CreateRoleAsync(page, "Dispatcher", "Plans the day's routes", "members.invite", "groups.post");
        await CreateRoleAsync(page, "Temporary", "", "members.read");

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Dispatcher" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Region, new() { Name = "Edit Dispatcher" });
        await edit.GetByRole(AriaRole.Checkbox, new() { Name = "approvals.request" }).CheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save the role" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Role Dispatcher saved.");

        // By keyboard: the confirmation takes the focus, so a second Enter confirms.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Temporary" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, delete Temporary and revoke its grants" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Role Temporary deleted.");
        var roles = page.GetByRole(AriaRole.Table, new() { Name = "Custom roles" });
        await Assertions.Expect(roles.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(roles.GetByRole(AriaRole.Row).Filter(new() { HasText = "Dispatcher" }))
            .ToContainTextAsync("approvals.request, groups.post, members.invite");
        await visitor.ScreenAsync("roles");

        var held = await GetJsonAsync(owner, $"/api/membership/organizations/{organizationId}/roles");
        var role = Assert.Single(held.EnumerateArray());
        Assert.Equal("Dispatcher", role.GetProperty("name").GetString());
        Assert.Equal(["approvals.request", "groups.post", "members.invite"], role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Order());
    }

    private static async Task CreateRoleAsync(IPage page, string name, string description, params string[] permissions)
    {
        var form = page.GetByRole(AriaRole.Region, new() { Name = "Create a role" });
        await form.GetByLabel(new Regex("^Name")).FillAsync(name);
        await form.GetByLabel("Description").FillAsync(description);
        foreach (var permission in permissions) await form.GetByRole(AriaRole.Checkbox, new() { Name = permission }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Create the role" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Role {name} created.");
    }

    /// <summary>On the member's page: grant the role over a unit and over own records, revoke the second.</summary>
    private static async Task GrantsAsync(ConsoleVisitor visitor, GatewayUser owner, string organizationId, string memberId)
    {
        var page = visitor.Page;
        await page.GotoAsync($"/organizations/{organizationId}/members/{memberId}");
        var grants = page.GetByRole(AriaRole.Region, new() { Name = "Roles granted" });
        await Assertions.Expect(grants.GetByText("No roles granted.")).ToBeVisibleAsync();
        await GrantAsync(grants, "Own records only", unit: null);
        await GrantAsync(grants, "A unit and its sub-units", unit: "North");
        var table = grants.GetByRole(AriaRole.Table, new() { Name = "Roles granted" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);

        await grants.GetByRole(AriaRole.Button, new() { Name = "Revoke Dispatcher (Own records only)" }).ClickAsync();
        await grants.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke Dispatcher" }).ClickAsync();
        await Assertions.Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(table).ToContainTextAsync("Unit North and its sub-units");
        // The access explanation follows the grants.
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Access explained" })).ToContainTextAsync("Dispatcher");
        await visitor.ScreenAsync("member-roles");

        var held = await GetJsonAsync(owner, $"/api/membership/organizations/{organizationId}/members/{memberId}/roles");
        var grant = Assert.Single(held.EnumerateArray());
        Assert.Equal(("Dispatcher", "unit", "North"),
            (grant.GetProperty("roleName").GetString(), grant.GetProperty("scope").GetString(), grant.GetProperty("unitName").GetString()));
    }

    private static async Task GrantAsync(ILocator grants, string scope, string? unit)
    {
        await grants.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Dispatcher" });
        await grants.GetByLabel("Applies to").SelectOptionAsync(new SelectOptionValue { Label = scope });
        if (unit is not null) await grants.GetByLabel("Unit", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = unit });
        await grants.GetByRole(AriaRole.Button, new() { Name = "Grant the role" }).ClickAsync();
        await Assertions.Expect(grants.GetByRole(AriaRole.Status)).ToHaveTextAsync("Dispatcher granted.");
    }

    /// <summary>
    /// The organization's own key in a role granted to a unit (issue 14 items 3 and 4): the member of the unit holds it,
    /// and "Access explained" names the unit it came through.
    /// </summary>
    private static async Task OwnPermissionThroughUnitAsync(ConsoleVisitor visitor, ILocator nav, GatewayUser owner, string organizationId, string northId, string memberId)
    {
        var page = visitor.Page;
        var placed = await owner.Http.PatchAsync($"/api/membership/organizations/{organizationId}/members/{memberId}",
            JsonContent.Create(new { unitIds = new[] { northId } }, new MediaTypeHeaderValue("application/merge-patch+json")));
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync());
        await nav.GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        var keys = page.GetByRole(AriaRole.Region, new() { Name = "The organization's own permissions" });
        await keys.GetByLabel(new Regex("^Key")).FillAsync("finances.manage");
        await keys.GetByLabel(new Regex("^Description")).FillAsync("Manage the money");
        await keys.GetByRole(AriaRole.Button, new() { Name = "Define the permission" }).ClickAsync();
        await Assertions.Expect(keys.GetByRole(AriaRole.Status)).ToHaveTextAsync("Permission finances.manage defined.");
        var form = page.GetByRole(AriaRole.Region, new() { Name = "Create a role" });
        await form.GetByLabel(new Regex("^Name")).FillAsync("Treasurer");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "finances.manage" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Create the role" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Custom roles" }).GetByRole(AriaRole.Status)).ToHaveTextAsync("Role Treasurer created.");
        await visitor.ScreenAsync("own-permissions");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Units" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Roles of North" }).ClickAsync();
        var grant = page.GetByRole(AriaRole.Form, new() { Name = "Grant a role to North" });
        await grant.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Treasurer" });
        await grant.GetByRole(AriaRole.Button, new() { Name = "Grant the role" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Roles of North" })).ToContainTextAsync("finances.manage");
        await visitor.ScreenAsync("unit-roles");

        await page.GotoAsync($"/organizations/{organizationId}/members/{memberId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Access explained" }))
            .ToContainTextAsync("role Treasurer through unit North over the whole organization");
        var check = await GetJsonAsync(owner, $"/api/membership/authorization/check?organizationId={organizationId}&permission=finances.manage&userId={memberId}");
        Assert.True(check.GetProperty("allowed").GetBoolean());
    }

    /// <summary>A restricted group with the member put in by hand and a message to it; an automatic group by rank.</summary>
    private async Task GroupsAsync(ConsoleVisitor visitor, ILocator nav, GatewayUser owner, GatewayUser member, string organizationId)
    {
        var page = visitor.Page;
        await nav.GetByRole(AriaRole.Link, new() { Name = "Message groups" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No message groups yet.")).ToBeVisibleAsync();
        await CreateGroupAsync(page, "Drivers", "restricted (managers add and remove people)", rank: null);
        await CreateGroupAsync(page, "Everyone from members up", "automatic (follows a rule)", rank: "member");
        var groups = page.GetByRole(AriaRole.Table, new() { Name = "Message groups" });
        await Assertions.Expect(groups.GetByRole(AriaRole.Row).Filter(new() { HasText = "Everyone from members up" })).ToContainTextAsync("ranked member or above");
        await visitor.ScreenAsync("groups");

        await groups.GetByRole(AriaRole.Link, new() { Name = "Drivers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Group: Drivers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Nobody is in this group yet.")).ToBeVisibleAsync();
        var adding = page.GetByRole(AriaRole.Form, new() { Name = "Add a member" });
        await adding.GetByLabel("Search by name or email").FillAsync(member.Email);
        await adding.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Mia Tester to the group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Mia Tester added.");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Members of the group" })).ToContainTextAsync(member.Email);

        var subject = $"Route change {Guid.NewGuid():N}"[..22];
        var writing = page.GetByRole(AriaRole.Region, new() { Name = "Send a message to the group" });
        await writing.GetByLabel(new Regex("^Subject")).FillAsync(subject);
        await writing.GetByLabel(new Regex("^Message")).FillAsync("Tomorrow the northern route starts at seven.");
        await writing.GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();
        await Assertions.Expect(writing.GetByRole(AriaRole.Status)).ToHaveTextAsync("Sent by email to everyone in the group (1).");
        await visitor.ScreenAsync("group");

        var drivers = (await GetJsonAsync(owner, $"/api/membership/organizations/{organizationId}/groups")).EnumerateArray()
            .ToDictionary(g => g.GetProperty("name").GetString()!);
        Assert.Equal("restricted", drivers["Drivers"].GetProperty("kind").GetString());
        Assert.Equal(("automatic", "rank", "member"), (drivers["Everyone from members up"].GetProperty("kind").GetString(),
            drivers["Everyone from members up"].GetProperty("rule").GetProperty("type").GetString(),
            drivers["Everyone from members up"].GetProperty("rule").GetProperty("rank").GetString()));
        var inGroup = await GetJsonAsync(owner, $"/api/membership/organizations/{organizationId}/groups/{drivers["Drivers"].GetProperty("id").GetString()}/members");
        Assert.Equal(member.Email, Assert.Single(inGroup.GetProperty("items").EnumerateArray()).GetProperty("email").GetString());
        await Eventually.GetAsync(async () => (await platform.Mail.ToAsync(member.Email)).FirstOrDefault(e => e.Subject.Contains(subject, StringComparison.Ordinal)),
            "the group's message in the member's inbox", TimeSpan.FromSeconds(60));
    }

    private static async Task CreateGroupAsync(IPage page, string name, string kind, string? rank)
    {
        var form = page.GetByRole(AriaRole.Region, new() { Name = "Create a group" });
        await form.GetByLabel(new Regex("^Name")).FillAsync(name);
        await form.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = kind });
        if (rank is not null)
        {
            await form.GetByLabel("Rule").SelectOptionAsync(new SelectOptionValue { Label = "A rank and above" });
            await form.GetByLabel("Lowest rank included").SelectOptionAsync(new SelectOptionValue { Label = rank });
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Create the group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Message groups" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }))
            .ToBeVisibleAsync();
    }

    /// <summary>Register an app; a token shown once that works until revoked; OpenID Connect settings with the secret shown once.</summary>
    private async Task ClientAppAsync(ConsoleVisitor visitor, ILocator nav, GatewayUser owner, string organizationId)
    {
        var page = visitor.Page;
        await nav.GetByRole(AriaRole.Link, new() { Name = "Client apps" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No client apps yet.")).ToBeVisibleAsync();
        var register = page.GetByRole(AriaRole.Region, new() { Name = "Register a client app" });
        await register.GetByLabel(new Regex("^Name")).FillAsync("Dispatch board");
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the app" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Client app: Dispatch board" })).ToBeVisibleAsync();
        var appId = Regex.Match(page.Url, "/client-apps/([0-9a-f-]{36})").Groups[1].Value;

        var tokens = page.GetByRole(AriaRole.Region, new() { Name = "API tokens" });
        await tokens.GetByLabel(new Regex("^Name")).FillAsync("Route planner");
        await tokens.GetByRole(AriaRole.Checkbox, new() { Name = "members.read" }).CheckAsync();
        await tokens.GetByRole(AriaRole.Button, new() { Name = "Create the token" }).ClickAsync();
        var shown = tokens.GetByRole(AriaRole.Textbox, new() { Name = "The new token" });
        await Assertions.Expect(shown).ToHaveValueAsync(new Regex("^plt_"));
        var token = await shown.InputValueAsync();
        await Assertions.Expect(tokens.GetByRole(AriaRole.Table, new() { Name = "API tokens" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Route planner" }))
            .ToContainTextAsync("active");
        await visitor.ScreenAsync("client-app-token");
        // The gateway takes the token (no 401): the request reaches identity as the app, refused what its scopes do not cover.
        Assert.Equal(HttpStatusCode.Forbidden, await CallWithTokenAsync(token, "/api/identity/account"));

        await tokens.GetByRole(AriaRole.Button, new() { Name = "Revoke Route planner" }).ClickAsync();
        await tokens.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke Route planner" }).ClickAsync();
        await Assertions.Expect(tokens.GetByRole(AriaRole.Table, new() { Name = "API tokens" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Route planner" }))
            .ToContainTextAsync("revoked");
        // A reload forgets the secret: it was in the one answer that made it.
        await page.ReloadAsync();
        await Assertions.Expect(tokens.GetByRole(AriaRole.Table, new() { Name = "API tokens" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "The new token" })).ToHaveCountAsync(0);
        var revoked = Assert.Single((await GetJsonAsync(owner, $"/api/identity/organizations/{organizationId}/client-apps/{appId}/tokens")).EnumerateArray());
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
        await Eventually.TrueAsync(async () => await CallWithTokenAsync(token, "/api/identity/account") == HttpStatusCode.Unauthorized,
            "the revoked token to stop working", TimeSpan.FromSeconds(10));

        var oidc = page.GetByRole(AriaRole.Region, new() { Name = "Sign-in with OpenID Connect" });
        await Assertions.Expect(oidc.GetByText("This app does not sign users in yet.")).ToBeVisibleAsync();
        await oidc.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Confidential") }).CheckAsync();
        await oidc.GetByLabel("Redirect addresses").FillAsync("https://dispatch.example/callback");
        await oidc.GetByLabel("Addresses after sign-out").FillAsync("https://dispatch.example/");
        await oidc.GetByRole(AriaRole.Checkbox, new() { Name = "Refresh tokens" }).CheckAsync();
        await oidc.GetByRole(AriaRole.Checkbox, new() { Name = "profile" }).CheckAsync();
        await oidc.GetByRole(AriaRole.Checkbox, new() { Name = "offline_access" }).CheckAsync();
        await oidc.GetByRole(AriaRole.Button, new() { Name = "Save the sign-in settings" }).ClickAsync();
        await Assertions.Expect(oidc.GetByText("Sign-in settings saved.")).ToBeVisibleAsync();
        await Assertions.Expect(oidc.GetByRole(AriaRole.Textbox, new() { Name = "Client secret" })).ToHaveValueAsync(new Regex(".{20,}"));
        await visitor.ScreenAsync("client-app-openid-connect");

        var settings = await GetJsonAsync(owner, $"/api/identity/organizations/{organizationId}/client-apps/{appId}/openid-connect");
        Assert.False(settings.GetProperty("public").GetBoolean());
        Assert.Equal(["https://dispatch.example/callback"], settings.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["https://dispatch.example/"], settings.GetProperty("postLogoutRedirectUris").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(["authorization_code", "refresh_token"], settings.GetProperty("grantTypes").EnumerateArray().Select(g => g.GetString()).Order());
        Assert.Equal(["offline_access", "openid", "profile"], settings.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("clientSecret").ValueKind);
    }

    /// <summary>An endpoint on a receiver of the test's own: its signing secret shown once, a test event delivered and listed, then deleted.</summary>
    private static async Task WebhookAsync(ConsoleVisitor visitor, ILocator nav, GatewayUser owner, string organizationId)
    {
        using var receiver = WebhookReceiver.Start();
        var page = visitor.Page;
        await nav.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No webhook endpoints yet.")).ToBeVisibleAsync();
        var register = page.GetByRole(AriaRole.Region, new() { Name = "Register an endpoint" });
        await register.GetByLabel(new Regex("^URL")).FillAsync(receiver.Url);
        await register.GetByLabel(new Regex("^Event types")).FillAsync("membership.granted, role.granted");
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the endpoint" }).ClickAsync();
        await Assertions.Expect(register.GetByRole(AriaRole.Textbox, new() { Name = "Signing secret" })).ToHaveValueAsync(new Regex(".{16,}"));
        var endpoints = page.GetByRole(AriaRole.Table, new() { Name = "Webhook endpoints" });
        await Assertions.Expect(endpoints.GetByRole(AriaRole.Row).Filter(new() { HasText = receiver.Url })).ToContainTextAsync("active");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Send a test to {receiver.Url}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "A test event is on its way" })).ToBeVisibleAsync();
        var deliveries = page.GetByRole(AriaRole.Region, new() { Name = $"Deliveries to {receiver.Url}" });
        var delivered = deliveries.GetByRole(AriaRole.Row).Filter(new() { HasText = "webhook.test" }).Filter(new() { HasText = "delivered" });
        for (var attempt = 0; attempt < 30 && await delivered.CountAsync() == 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await deliveries.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        }

        await Assertions.Expect(delivered).ToContainTextAsync("200");
        await visitor.ScreenAsync("webhooks");
        var received = Assert.Single(receiver.Received);
        Assert.Contains("\"webhook.test\"", received.Body);
        Assert.False(string.IsNullOrEmpty(received.Signature));

        var endpoint = Assert.Single((await GetJsonAsync(owner, $"/api/notifications/organizations/{organizationId}/webhooks")).EnumerateArray());
        var held = await GetJsonAsync(owner, $"/api/notifications/organizations/{organizationId}/webhooks/{endpoint.GetProperty("id").GetString()}/deliveries");
        var delivery = Assert.Single(held.GetProperty("items").EnumerateArray());
        Assert.Equal(("webhook.test", "delivered"), (delivery.GetProperty("eventType").GetString(), delivery.GetProperty("state").GetString()));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Delete {receiver.Url}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Yes, delete {receiver.Url} and its deliveries" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No webhook endpoints yet.")).ToBeVisibleAsync();
        Assert.Empty((await GetJsonAsync(owner, $"/api/notifications/organizations/{organizationId}/webhooks")).EnumerateArray());
    }

    /// <summary>A member sees the roles and groups, and none of the controls nor the way to client apps.</summary>
    private async Task MemberSeesNoOwnerControlsAsync(GatewayUser member, string organizationId)
    {
        await using var visitor = await platform.VisitAsync("access-member");
        var page = visitor.Page;
        await page.GotoAsync($"/organizations/{organizationId}/roles");
        await SignInSteps.SignInAsync(page, member.Email, GatewayUser.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Custom roles" })).ToContainTextAsync("Dispatcher");
        await Assertions.Expect(page.GetByText("Only the organization's owner and admins define roles.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Create a role" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit Dispatcher" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Client apps" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" })).ToHaveCountAsync(0);
        await visitor.ScreenAsync("roles-as-member");

        await page.GetByRole(AriaRole.Link, new() { Name = "Message groups" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Message groups" })).ToContainTextAsync("Drivers");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Create a group" })).ToHaveCountAsync(0);
        // Around the page, the API refuses what the page hid.
        var created = await Journeys.CallAsync(page, "POST", $"/api/membership/organizations/{organizationId}/roles", new { name = "Sneaky", permissions = new[] { "members.read" } });
        Assert.Equal(403, created.Status);
        // Identity shows an organization's client apps to nobody but its owner and admins: for the member there are none.
        var apps = await Journeys.CallAsync(page, "GET", $"/api/identity/organizations/{organizationId}/client-apps");
        Assert.Equal(404, apps.Status);
    }

    private static async Task<string> CreateAsync(GatewayUser user, string path, object body, string idProperty)
    {
        var created = await user.Http.PostAsJsonAsync(path, body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(idProperty).GetString()!;
    }

    private static async Task<JsonElement> GetJsonAsync(GatewayUser user, string path)
    {
        var response = await user.Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpStatusCode> CallWithTokenAsync(string token, string path)
    {
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.SendAsync(request)).StatusCode;
    }
}
