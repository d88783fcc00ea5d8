using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Gateway.Tests;

/// <summary>A new organization's contact email invited as its manager in the same step (Open Food Network's enterprise manager).</summary>
[Collection(GatewayCollection.Name)]
public sealed class ContactInvitationTests(GatewayFixture platform)
{
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task The_contact_email_of_a_new_organization_is_invited_as_manager_in_the_same_step()
    {
        var admin = await callers.PlatformAdminSessionAsync();
        var contact = Registrations.UniqueEmail("contact");
        var slug = $"org-{Guid.NewGuid():N}"[..20];

        var owner = await callers.WithCookieAsync(HttpMethod.Post, "/api/membership/organizations", admin,
            new { name = "Producer Co", slug, contactEmail = contact, inviteContactAs = "owner" });
        Assert.Equal(HttpStatusCode.BadRequest, owner.StatusCode);
        Assert.True((await owner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("inviteContactAs", out _));
        var noContact = await callers.WithCookieAsync(HttpMethod.Post, "/api/membership/organizations", admin,
            new { name = "Producer Co", slug, inviteContactAs = "manager" });
        Assert.Equal(HttpStatusCode.BadRequest, noContact.StatusCode);

        var created = await callers.WithCookieAsync(HttpMethod.Post, "/api/membership/organizations", admin,
            new { name = "Producer Co", slug, contactEmail = contact, inviteContactAs = "manager" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var invitations = await (await callers.WithCookieAsync(HttpMethod.Get, $"/api/membership/organizations/{organization}/invitations", admin))
            .Content.ReadFromJsonAsync<JsonElement>();
        var invitation = Assert.Single(invitations.GetProperty("items").EnumerateArray());
        Assert.Equal(contact, invitation.GetProperty("email").GetString());
        Assert.Equal("manager", invitation.GetProperty("rank").GetString());
        var email = await platform.Mail.WaitForEmailToAsync(contact);
        Assert.Contains("Producer Co", email.Subject);
        Assert.Contains("manager", email.Text);
    }
}
