using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.Identity.Apis;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Identity.Tests;

/// <summary>Invited people without an account: a pending account from membership's event, then a password from the link.</summary>
public sealed class InvitationTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    private const string GoodPassword = "lantern quietly over the harbor";

    [Fact]
    public async Task An_invitation_to_an_unknown_address_creates_a_pending_account_without_password_and_keeps_only_the_tokens_hash()
    {
        await using var registered = await EventCollector<UserRegistered>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var invitation = Invitation(Registrations.UniqueEmail("Invited").ToUpperInvariant());
        var messageId = Guid.NewGuid();

        await service.Bus.PublishAsync(invitation, messageId);
        await service.Bus.PublishAsync(invitation, messageId); // a redelivery is a no-op

        var email = invitation.Email.ToLowerInvariant();
        var user = await WaitForUserAsync(email);
        Assert.Equal(UserState.Pending, user.State);
        Assert.Null(user.PasswordHash);
        Assert.Null(user.EmailVerifiedAt);
        Assert.False(user.CanLogIn);
        var link = await service.WithDbAsync(db => db.InvitationLinks.AsNoTracking().SingleAsync(l => l.InvitationId == invitation.InvitationId));
        Assert.Equal(AccountToken.Hash(invitation.Token), link.TokenHash);
        Assert.Equal(email, link.Email);
        Assert.Equal(invitation.ExpiresAt, link.ExpiresAt, TimeSpan.FromMilliseconds(1));
        Assert.False(await service.WithDbAsync(db => db.InvitationLinks.AnyAsync(l => l.TokenHash == invitation.Token)));
        await registered.WaitForAsync(e => e.UserId == user.Id && e.Email == email);

        await Task.Delay(500);
        Assert.Equal(1, await service.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.Equal(1, registered.Count(e => e.Email == email));
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.LogInAsync(email, GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task An_import_placeholder_that_is_not_emailed_still_gets_its_pending_account()
    {
        var invitation = Invitation(Registrations.UniqueEmail("placeholder")) with { SendEmail = false };

        await service.Bus.PublishAsync(invitation, Guid.NewGuid());

        var user = await WaitForUserAsync(invitation.Email);
        Assert.True(user.AwaitsFirstPassword);
    }

    [Fact]
    public async Task The_page_shows_a_password_form_with_link_page_headers_and_opening_it_does_not_use_the_link()
    {
        var invitation = await InvitedAsync("page");
        var client = Client();

        for (var i = 0; i < 2; i++)
        {
            var page = await client.GetAsync($"/invitation?token={Uri.EscapeDataString(invitation.Token)}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
            Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("type=\"password\"", html);
            Assert.Contains(invitation.Email, html);
        }

        Assert.Null(await service.WithDbAsync(db => db.InvitationLinks.Where(l => l.InvitationId == invitation.InvitationId).Select(l => l.UsedAt).SingleAsync()));
    }

    [Fact]
    public async Task Setting_the_password_activates_verifies_logs_in_and_sends_the_person_on_to_accept()
    {
        await using var verified = await EventCollector<EmailVerified>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        await using var stateChanged = await EventCollector<UserStateChanged>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var invitation = await InvitedAsync("accepting");

        var response = await PostAsync(invitation.Token, GoodPassword);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/api/membership/invitations/accept?token={Uri.EscapeDataString(invitation.Token)}", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("platform-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        var sessionId = cookie.Split(';')[0]["platform-session=".Length..];
        var session = await service.Host.Services.GetRequiredService<SessionStore>().GetAsync(SessionKeys.Handle(sessionId));

        var user = await service.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == invitation.Email));
        Assert.NotNull(session);
        Assert.Equal(user.Id, session.UserId);
        Assert.Equal(UserState.Active, user.State);
        Assert.NotNull(user.EmailVerifiedAt);
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(invitation.Email, GoodPassword)).StatusCode);
        await verified.WaitForAsync(e => e.UserId == user.Id);
        await stateChanged.WaitForAsync(e => e.UserId == user.Id && e.From == "pending" && e.To == "active");

        // Used once: the page now says to log in, and a second POST changes nothing.
        var again = await PostAsync(invitation.Token, "another password entirely here");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Log in", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(invitation.Email, GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task A_weak_password_is_refused_on_the_form_and_the_link_still_works()
    {
        var invitation = await InvitedAsync("weak");

        var weak = await PostAsync(invitation.Token, "short");

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("at least 15 characters", await weak.Content.ReadAsStringAsync());
        Assert.False(weak.Headers.Contains("Set-Cookie"));
        var user = await service.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == invitation.Email));
        Assert.True(user.AwaitsFirstPassword);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(invitation.Token, GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_expired_links_get_a_clear_page_and_change_nothing()
    {
        var expired = await InvitedAsync("expired", expiresAt: DateTimeOffset.UtcNow.AddSeconds(-1));

        foreach (var token in new[] { expired.Token, "not-a-token-we-issued", "" })
        {
            var page = await Client().GetAsync($"/invitation?token={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("cannot be used", await page.Content.ReadAsStringAsync());
            var post = await PostAsync(token, GoodPassword);
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.False(post.Headers.Contains("Set-Cookie"));
        }

        Assert.True((await service.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == expired.Email))).AwaitsFirstPassword);
    }

    [Fact]
    public async Task A_resend_replaces_the_link_so_only_the_newest_works_and_a_late_older_copy_does_not_bring_it_back()
    {
        var first = await InvitedAsync("resent");
        var resent = first with { Token = NewToken(), CreatedAt = first.CreatedAt.AddMinutes(5), ExpiresAt = first.ExpiresAt.AddMinutes(5) };
        await service.Bus.PublishAsync(resent, Guid.NewGuid());
        await WaitForLinkAsync(resent.Token);

        await service.Bus.PublishAsync(first with { Token = NewToken() }, Guid.NewGuid()); // an older copy, delivered late
        await Task.Delay(1000);

        Assert.Equal(HttpStatusCode.BadRequest, (await Client().GetAsync($"/invitation?token={first.Token}")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await PostAsync(resent.Token, GoodPassword)).StatusCode);
    }

    [Fact]
    public async Task An_address_with_an_account_in_use_keeps_it_and_its_link_says_to_log_in_and_accept()
    {
        var email = Registrations.UniqueEmail("member");
        var existing = await service.AdminClient().CreateUserAsync(email);
        var invitation = Invitation(email);

        await service.Bus.PublishAsync(invitation, Guid.NewGuid());
        await InvitedAsync("after"); // published later on the same queue: by the time it is handled, so is the first, almost surely
        await Task.Delay(500);

        var page = await Client().GetAsync($"/invitation?token={invitation.Token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("already has an account with a password", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(invitation.Token, GoodPassword)).StatusCode);
        Assert.Equal("active", (await service.AdminClient().GetUserAsync(existing.Id())).State());
    }

    [Fact]
    public async Task Following_an_invitation_after_signing_up_unverified_verifies_the_address_and_login_works()
    {
        await using var verified = await EventCollector<EmailVerified>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var email = Registrations.UniqueEmail("unverified");
        Assert.Equal(HttpStatusCode.Accepted, (await service.Host.CreateClient().RegisterAsync(Registrations.Valid(email))).StatusCode);
        var user = await WaitForUserAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.LogInAsync(email, Registrations.Password)).StatusCode);
        var invitation = Invitation(email);
        await service.Bus.PublishAsync(invitation, Guid.NewGuid());
        await WaitForLinkAsync(invitation.Token);

        var page = await Client().GetAsync($"/invitation?token={invitation.Token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Confirm your address", await page.Content.ReadAsStringAsync());
        Assert.Equal(UserState.Pending, (await WaitForUserAsync(email)).State); // opening the page changes nothing
        var confirmed = await Client().PostAsync("/invitation/verify", new FormUrlEncodedContent([KeyValuePair.Create("token", invitation.Token)]));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains(InvitationPageApi.AcceptLink(invitation.Token).Replace("&", "&amp;"), await confirmed.Content.ReadAsStringAsync());
        Assert.Equal(UserState.Active, (await WaitForUserAsync(email)).State);
        await verified.WaitForAsync(e => e.UserId == user.Id && e.Email == email);
        Assert.Equal(HttpStatusCode.OK, (await service.LogInAsync(email, Registrations.Password)).StatusCode);
        var again = await Client().PostAsync("/invitation/verify", new FormUrlEncodedContent([KeyValuePair.Create("token", invitation.Token)]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // now it says "log in"
    }

    [Fact]
    public async Task Twenty_invitation_links_followed_at_once_as_the_emails_go_out_each_work_the_first_time()
    {
        var invitations = Enumerable.Range(0, 20).Select(i => Invitation(Registrations.UniqueEmail($"rush{i}"))).ToList();
        // The email may arrive before identity has taken the same event in: follow each link at once.
        await Task.WhenAll(invitations.Select(i => service.Bus.PublishAsync(i, Guid.NewGuid())));

        var pages = await Task.WhenAll(invitations.Select(i => Client().GetAsync($"/invitation?token={i.Token}")));
        var set = await Task.WhenAll(invitations.Select(i => PostAsync(i.Token, GoodPassword)));

        Assert.All(pages, page => Assert.Equal(HttpStatusCode.OK, page.StatusCode));
        Assert.All(await Task.WhenAll(pages.Select(p => p.Content.ReadAsStringAsync())), html => Assert.Contains("Choose your password", html));
        Assert.All(set, response => Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode));
    }

    internal static InvitationCreated Invitation(string email, DateTimeOffset? expiresAt = null) => new(
        Guid.NewGuid(), Guid.NewGuid(), email, "member", "Food Co-op", "Grace Hopper", NewToken(),
        expiresAt ?? DateTimeOffset.UtcNow.AddDays(7), AccountKnown: false, DateTimeOffset.UtcNow);

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<InvitationCreated> InvitedAsync(string name, DateTimeOffset? expiresAt = null)
    {
        var invitation = Invitation(Registrations.UniqueEmail(name), expiresAt);
        await service.Bus.PublishAsync(invitation, Guid.NewGuid());
        await WaitForLinkAsync(invitation.Token);
        return invitation;
    }

    private Task WaitForLinkAsync(string token) => Eventually.TrueAsync(
        () => service.WithDbAsync(db => db.InvitationLinks.AnyAsync(l => l.TokenHash == AccountToken.Hash(token))), "identity to keep the invitation link");

    private Task<User> WaitForUserAsync(string email) => Eventually.GetAsync(
        () => service.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email)), $"a pending account for {email}");

    private HttpClient Client() => service.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private Task<HttpResponseMessage> PostAsync(string token, string password) =>
        Client().PostAsync("/invitation", new FormUrlEncodedContent([KeyValuePair.Create("token", token), KeyValuePair.Create("password", password)]));
}
