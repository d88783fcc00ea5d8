using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Membership.Model;
using Platform.Testing;

namespace Platform.Membership.Tests;

/// <summary>The page the invitation email links to, and which link an invited address gets.</summary>
public sealed class InvitationPagesTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task The_invited_person_sees_the_invitation_and_accepts_it_with_one_button()
    {
        var (org, owner, person, token) = await InvitedAsync();

        var page = await given.Client(person).GetAsync($"/invitations/accept?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("action=\"accept/confirm\"", html);
        Assert.Contains("&lt;Bakers &amp; Co&gt;", html); // the organization's name, escaped
        Assert.False(await IsMemberAsync(org, person)); // looking changes nothing

        var confirmed = await given.Client(person).PostAsync("/invitations/accept/confirm", Form(token));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("You are now a member", await confirmed.Content.ReadAsStringAsync());
        Assert.True(await IsMemberAsync(org, person));
        var again = await given.Client(person).PostAsync("/invitations/accept/confirm", Form(token));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await given.Client(person).GetAsync($"/invitations/accept?token={Uri.EscapeDataString(token)}")).StatusCode);
        _ = owner;
    }

    [Fact]
    public async Task Someone_not_logged_in_is_told_to_log_in_or_set_a_password_and_nothing_changes()
    {
        var (org, _, person, token) = await InvitedAsync();
        var anonymous = service.Host.CreateClient();

        var page = await anonymous.GetAsync($"/invitations/accept?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Log in as the invited address", html);
        Assert.Contains($"../../identity/invitation?token={Uri.EscapeDataString(token)}", html);
        Assert.DoesNotContain("<form", html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/invitations/accept/confirm", Form(token))).StatusCode);
        Assert.False(await IsMemberAsync(org, person));
    }

    [Fact]
    public async Task Another_account_and_a_wrong_token_get_pages_that_say_so()
    {
        var (org, _, _, token) = await InvitedAsync();
        var stranger = await given.UserAsync("Sam");

        var other = await given.Client(stranger).GetAsync($"/invitations/accept?token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("someone else", await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await given.Client(stranger).PostAsync("/invitations/accept/confirm", Form(token))).StatusCode);
        Assert.False(await IsMemberAsync(org, stranger));

        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(stranger).GetAsync("/invitations/accept?token=tampered")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(stranger).GetAsync("/invitations/accept")).StatusCode);
    }

    [Fact]
    public async Task Only_a_verified_account_gets_the_accept_link_anyone_else_sets_a_password_first()
    {
        await using var created = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var verified = await given.UserAsync();
        var unverified = Guid.NewGuid();
        await service.WithDbAsync(db =>
        {
            // A pending account identity made for an earlier invitation: known, but without a password yet.
            db.Users.Add(DirectoryUser.FromRegistration(unverified, $"person-{unverified:N}@example.com", "", "", DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        });

        var invited = await given.Client(owner).PostAsJsonAsync($"/organizations/{org}/invitations",
            new { emails = new[] { $"person-{verified:N}@example.com", $"person-{unverified:N}@example.com" }, rank = "member" });

        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        Assert.True((await created.WaitForAsync(e => e.Email == $"person-{verified:N}@example.com")).Message.AccountKnown);
        Assert.False((await created.WaitForAsync(e => e.Email == $"person-{unverified:N}@example.com")).Message.AccountKnown);
    }

    private async Task<(Guid Org, Guid Owner, Guid Person, string Token)> InvitedAsync()
    {
        await using var created = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var owner = await given.UserAsync("Olive");
        var made = await given.Client(owner).PostAsJsonAsync("/organizations", new { name = "<Bakers & Co>", slug = $"bakers-{Guid.NewGuid():N}"[..20] });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var org = (await made.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var person = await given.UserAsync("Ivy");
        var email = $"person-{person:N}@example.com";
        var invited = await given.Client(owner).PostAsJsonAsync($"/organizations/{org}/invitations", new { emails = new[] { email }, rank = "member" });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        var token = (await created.WaitForAsync(e => e.Email == email)).Message.Token;
        return (org, owner, person, token);
    }

    private static FormUrlEncodedContent Form(string token) => new(new Dictionary<string, string> { ["token"] = token });

    private Task<bool> IsMemberAsync(Guid org, Guid person) =>
        service.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == person));
}
