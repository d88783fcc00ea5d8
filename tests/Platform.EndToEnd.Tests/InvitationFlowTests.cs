using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Issue 5's invitation acceptance end to end: an owner invites an address nobody has used yet, the email
/// arrives in the SMTP sink, the invited person sets a password from its link (identity), lands logged in on
/// the invitation page (membership) and accepts with one button.
/// </summary>
[Collection(RunningPlatformCollection.Name)]
public sealed class InvitationFlowTests(RunningPlatform platform)
{
    [Fact]
    public async Task An_invited_newcomer_sets_a_password_from_the_email_and_joins_the_organization()
    {
        var gateway = platform.App.GetEndpoint("gateway");
        var mail = new MailDevClient(platform.App.GetEndpoint("smtp", "http"));
        var owner = await GatewayUser.SignUpAsync(gateway, mail, "Olga");
        var created = await owner.Http.PostAsJsonAsync("/api/membership/organizations", new { name = "Food Co-op", slug = $"coop-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var newcomer = $"newcomer-{Guid.NewGuid():N}@example.com";

        var invited = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/invitations", new { emails = new[] { newcomer }, rank = "member" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);

        // The email links to identity's page, since the address has no account that could log in.
        var link = await mail.WaitForLinkAsync(newcomer, "/api/identity/invitation", TimeSpan.FromSeconds(60));
        Assert.Contains("Food Co-op", link.Email.Subject + link.Email.Text);
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = gateway };
        var form = await Eventually.GetAsync(async () =>
        {
            var page = await browser.GetAsync(link.PathAndQuery);
            return page.StatusCode == HttpStatusCode.OK ? page : null;
        }, "identity to prepare the pending account", TimeSpan.FromSeconds(30));
        Assert.Contains("Choose your password", await form.Content.ReadAsStringAsync());

        var passwordSet = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = link.Token, ["password"] = "a garden of winter vegetables",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, passwordSet.StatusCode);
        var acceptPage = passwordSet.Headers.Location!;
        Assert.StartsWith("/api/membership/invitations/accept?token=", acceptPage.OriginalString);

        // Logged in now, the newcomer sees the invitation and accepts it.
        var page = await Eventually.GetAsync(async () =>
        {
            var response = await browser.GetAsync(acceptPage);
            var html = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && html.Contains("accept/confirm", StringComparison.Ordinal) ? html : null;
        }, "membership to know the newly verified account", TimeSpan.FromSeconds(30));
        Assert.Contains("Food Co-op", page);
        var accepted = await browser.PostAsync("/api/membership/invitations/accept/confirm",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = link.Token }));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("You are now a member of Food Co-op", await accepted.Content.ReadAsStringAsync());

        var mine = await browser.GetFromJsonAsync<JsonElement>("/api/membership/organizations");
        Assert.Contains(organization.ToString(), mine.GetRawText());

        // A message to everyone in the organization reaches the newcomer's inbox.
        var group = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/groups",
            new { name = "Everyone", kind = "automatic", rule = new { type = "all-members" } });
        Assert.True(group.StatusCode == HttpStatusCode.Created, await group.Content.ReadAsStringAsync());
        var groupId = (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var subject = $"Harvest day {Guid.NewGuid():N}"[..24];
        var posted = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/groups/{groupId}/messages",
            new { subject, body = "Bring <crates> & boots." });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var message = await Eventually.GetAsync(async () => (await mail.ToAsync(newcomer)).FirstOrDefault(e => e.Subject.Contains(subject, StringComparison.Ordinal)),
            "the group message in the newcomer's inbox", TimeSpan.FromSeconds(60));
        Assert.Contains("&lt;crates&gt;", message.Html);
    }
}
