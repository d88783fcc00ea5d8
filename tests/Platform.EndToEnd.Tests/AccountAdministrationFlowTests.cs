using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Through the gateway: the README's first platform administrator sets a password from the emailed link and
/// makes another one; an organization's owner creates an account the organization manages, which membership
/// makes a member and identity then lets the owner suspend.
/// </summary>
[Collection(RunningPlatformCollection.Name)]
public sealed class AccountAdministrationFlowTests(RunningPlatform platform)
{
    private const string AdminPassword = "a lighthouse keeper's logbook";

    [Fact]
    public async Task The_initial_administrator_sets_a_password_from_the_email_and_grants_and_revokes_the_role()
    {
        var gateway = platform.App.GetEndpoint("gateway");
        var mail = new MailDevClient(platform.App.GetEndpoint("smtp", "http"));
        var link = await mail.WaitForLinkAsync(RunningPlatform.InitialAdminEmail, "/api/identity/pages/reset-password", TimeSpan.FromSeconds(60));
        var admin = Browser(gateway);
        var set = await admin.PostAsJsonAsync("/api/identity/accounts/password/reset", new { token = link.Token, newPassword = AdminPassword });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/identity/sessions", new { email = RunningPlatform.InitialAdminEmail, password = AdminPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/identity/admin/users")).StatusCode);

        var colleague = await GatewayUser.SignUpAsync(gateway, mail, "Colleague");
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.Http.GetAsync("/api/identity/admin/users")).StatusCode);
        var colleagueId = (await colleague.Http.GetFromJsonAsync<JsonElement>("/api/identity/account")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync($"/api/identity/admin/users/{colleagueId}/platform-admin", null)).StatusCode);
        var again = Browser(gateway);
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("/api/identity/sessions", new { email = colleague.Email, password = GatewayUser.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/identity/admin/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/identity/admin/users/{colleagueId}/platform-admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/identity/admin/users")).StatusCode);
    }

    [Fact]
    public async Task An_owner_creates_an_account_the_organization_manages_and_suspends_it_once_membership_has_made_it_a_member()
    {
        var gateway = platform.App.GetEndpoint("gateway");
        var mail = new MailDevClient(platform.App.GetEndpoint("smtp", "http"));
        var owner = await GatewayUser.SignUpAsync(gateway, mail, "Owner");
        var created = await owner.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Field Service", slug = $"field-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var email = $"technician-{Guid.NewGuid():N}@example.com";

        var account = await Eventually.GetAsync(async () =>
        {
            // Identity learns the new organization's owner from membership's event a moment later.
            var response = await owner.Http.PostAsJsonAsync($"/api/identity/organizations/{organization}/accounts",
                new { firstName = "Tomas", lastName = "Reyes", email, temporaryPassword = "a van full of spare parts" });
            return response.StatusCode == HttpStatusCode.Created ? response : null;
        }, "identity to know the owner", TimeSpan.FromSeconds(30));
        var accountId = (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var member = await Eventually.GetAsync(async () =>
        {
            var response = await owner.Http.GetAsync($"/api/membership/organizations/{organization}/members/{accountId}");
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, "membership to make the person a member", TimeSpan.FromSeconds(30));
        Assert.Equal("member", (await member.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rank").GetString());
        var person = Browser(gateway);
        Assert.Equal(HttpStatusCode.OK, (await person.PostAsJsonAsync("/api/identity/sessions", new { email, password = "a van full of spare parts" })).StatusCode);

        var suspended = await Eventually.GetAsync(async () =>
        {
            var response = await owner.Http.PostAsJsonAsync($"/api/identity/organizations/{organization}/accounts/{accountId}/suspend", new { });
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, "identity to learn the membership", TimeSpan.FromSeconds(30));
        Assert.Equal("suspended", (await suspended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/identity/account")).StatusCode);
    }

    private static HttpClient Browser(Uri gateway) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
}
