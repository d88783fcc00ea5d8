using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Membership;
using Platform.Identity.Infrastructure;

namespace Platform.Gateway.Tests;

/// <summary>Someone without an account is invited, sets a password from the link, and accepts, all through the gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class InvitationFlowTests(GatewayFixture platform)
{
    private const string NewPassword = "lantern quietly over the harbor";
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task An_invited_person_sets_a_password_from_the_link_is_logged_in_and_accepts()
    {
        await using var invitations = await EventCollector<InvitationCreated>.StartAsync(platform.Context.Servers.RabbitMq, platform.Context.MessagingPrefix);
        var admin = await callers.PlatformAdminSessionAsync();
        var organization = await CreateOrganizationAsync(admin);
        var email = Registrations.UniqueEmail("invitee");

        var invited = await callers.WithCookieAsync(HttpMethod.Post, $"/api/membership/organizations/{organization}/invitations", admin,
            new { emails = new[] { email }, rank = "member" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        // The secret as the email would carry it (membership keeps only its hash).
        var token = (await invitations.WaitForAsync(i => i.Email == email)).Message.Token;
        var pagePath = $"/api/identity/invitation?token={Uri.EscapeDataString(token)}";

        var page = await Eventually.GetAsync(async () =>
        {
            var response = await callers.Client.GetAsync(pagePath);
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, "identity to prepare the invited account");
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("type=\"password\"", await page.Content.ReadAsStringAsync());

        var set = await callers.Client.PostAsync(pagePath, new FormUrlEncodedContent([KeyValuePair.Create("token", token), KeyValuePair.Create("password", NewPassword)]));
        Assert.Equal(HttpStatusCode.SeeOther, set.StatusCode);
        Assert.Equal($"/api/membership/invitations/accept?token={Uri.EscapeDataString(token)}", set.Headers.Location?.OriginalString);
        var cookie = Callers.SessionCookieOf(new HttpResponseMessage(HttpStatusCode.OK) { Headers = { { "Set-Cookie", set.Headers.GetValues("Set-Cookie") } } });

        var account = await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", cookie)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, account.GetProperty("email").GetString());
        Assert.True(account.GetProperty("emailVerified").GetBoolean());
        Assert.Equal("active", account.GetProperty("state").GetString());

        // Membership's directory learnt the account from identity's events: the logged-in person accepts.
        var accepted = await Eventually.GetAsync(async () =>
        {
            var response = await callers.WithCookieAsync(HttpMethod.Post, "/api/membership/invitations/accept", cookie, new { token });
            return response.StatusCode == HttpStatusCode.OK ? response : null;
        }, "membership to accept the invitation");
        Assert.Equal(organization, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("organizationId").GetGuid());

        // And identity's copy of the memberships learns it back.
        var userId = account.GetProperty("id").GetGuid();
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = platform.Identity.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IdentityDbContext>().OrganizationMemberships
                .AnyAsync(m => m.UserId == userId && m.OrganizationId == organization);
        }, "identity to learn the membership");
        Assert.Equal(HttpStatusCode.Conflict, (await callers.Client.PostAsync(pagePath,
            new FormUrlEncodedContent([KeyValuePair.Create("token", token), KeyValuePair.Create("password", "yet another long password")]))).StatusCode);
    }

    internal async Task<Guid> CreateOrganizationAsync(string cookie)
    {
        var slug = $"org-{Guid.NewGuid():N}"[..20];
        var created = await callers.WithCookieAsync(HttpMethod.Post, "/api/membership/organizations", cookie, new { name = "Food Co-op", slug, contactEmail = "office@example.com" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
