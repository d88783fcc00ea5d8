using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Authentication;
using static Platform.Notifications.Tests.Broadcasts;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>Against a real SMTP sink that goes away and comes back, and broadcasts of hundreds.</summary>
public sealed class ReliabilityTests(OwnMailServerFixture service) : IClassFixture<OwnMailServerFixture>
{
    private static readonly HttpClient MailApi = new();

    [Fact]
    public async Task Emails_queued_while_SMTP_is_down_wait_as_retrying_and_each_arrives_exactly_once_when_it_returns()
    {
        var verification = VerificationRequested();
        var welcome = new EmailVerified(Guid.NewGuid(), NewAddress(), DateTimeOffset.UtcNow);
        var changed = new PasswordChanged(Guid.NewGuid(), NewAddress(), "Grace", DateTimeOffset.UtcNow, "self");
        string[] addresses = [verification.Email, welcome.Email, changed.Email];

        await service.StopMailServerAsync();
        try
        {
            await service.Bus.PublishAsync(verification, NewId.NextGuid());
            await service.Bus.PublishAsync(welcome, NewId.NextGuid());
            await service.Bus.PublishAsync(changed, NewId.NextGuid());

            await Eventually.TrueAsync(
                async () => await service.WithDbAsync(db => db.Deliveries.CountAsync(d => addresses.Contains(d.Recipient) && d.State == DeliveryState.Retrying)) == 3,
                "all three to be retrying");
            var waiting = await service.WithDbAsync(db => db.Deliveries.Where(d => addresses.Contains(d.Recipient)).ToListAsync());
            Assert.All(waiting, d => Assert.Contains("cannot be reached", d.LastError));
        }
        finally
        {
            await service.StartMailServerAsync();
        }

        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Deliveries.CountAsync(d => addresses.Contains(d.Recipient) && d.State == DeliveryState.Sent)) == 3,
            "all three to be sent once SMTP is back", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var address in addresses)
        {
            Assert.Single(await service.Mail.ToAsync(address));
        }

        var sent = await service.WithDbAsync(db => db.Deliveries.Where(d => addresses.Contains(d.Recipient)).ToListAsync());
        // The outage was the server's fault, not the emails': it used up none of their attempts.
        Assert.All(sent, d => Assert.Equal(1, d.Attempts));
        Assert.All(sent, d => Assert.Null(d.LastError));
    }

    [Fact]
    public async Task A_broadcast_reaches_every_member_who_did_not_opt_out_with_one_click_unsubscribe_headers()
    {
        var members = Members(200);
        var optedOut = members.Take(20).ToList();
        foreach (var member in optedOut)
        {
            (await UserClient(member.UserId).PatchMergeAsync("/preferences", new { groupMessages = false })).EnsureSuccessStatusCode();
        }

        var posted = Posted(members, body: "Pick-up moves to Friday.\n<b>Bring bags</b>");
        await service.Bus.PublishAsync(posted, NewId.NextGuid());

        var expected = members.Skip(20).Select(m => m.Email).ToHashSet();
        var received = await Eventually.GetAsync(async () =>
        {
            var emails = await EmailsToAsync(members.Select(m => m.Email));
            return emails.Count >= expected.Count ? emails : null;
        }, "an email for each member who did not opt out", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        received = await EmailsToAsync(members.Select(m => m.Email));

        Assert.Equal(expected.Count, received.Count);
        Assert.Equal(expected, received.Select(To).ToHashSet());

        var email = received.First();
        Assert.Equal("[Order group North] Pick-up moves", email.GetProperty("subject").GetString());
        Assert.Contains("&lt;b&gt;Bring bags&lt;/b&gt;", email.GetProperty("html").GetString());
        // maildev's JSON lists only some headers; the message as received has them all.
        var source = await MailApi.GetStreamAsync(new Uri(service.MailWebUrl, $"/api/email/{email.GetProperty("id").GetString()}/source"));
        var headers = (await MimeKit.MimeMessage.LoadAsync(source)).Headers;
        var listUnsubscribe = headers["List-Unsubscribe"] ?? "";
        Assert.Matches($"^<{NotificationsServiceFixture.PublicBaseUrl}/api/notifications/unsubscribe\\?token=[^>]+>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);

        // The mail client's one-click POST (RFC 8058), then the next broadcast leaves that member out.
        var recipient = members.Single(m => m.Email == To(email));
        var path = listUnsubscribe.Trim('<', '>')[$"{NotificationsServiceFixture.PublicBaseUrl}/api/notifications".Length..];
        var unsubscribed = await service.Host.CreateClient().PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.False((await UserClient(recipient.UserId).GetFromJsonAsync<JsonElement>("/preferences")).GetProperty("groupMessages").GetBoolean());

        var other = members.Last();
        await service.Bus.PublishAsync(Posted([recipient, other], body: "Second message"), NewId.NextGuid());
        await Eventually.TrueAsync(async () => (await service.Mail.ToAsync(other.Email)).Count == 2, "the second message to the member still subscribed");
        Assert.Single(await service.Mail.ToAsync(recipient.Email));
    }

    [Fact]
    public async Task A_password_reset_does_not_wait_behind_a_broadcast_queued_before_it()
    {
        var members = Members(200);
        var posted = Posted(members, body: "A long broadcast");
        await service.Bus.PublishAsync(posted, NewId.NextGuid());
        var addresses = members.Select(m => m.Email).ToList();
        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Deliveries.CountAsync(d => addresses.Contains(d.Recipient))) == 200,
            "the broadcast to be queued");

        var reset = new PasswordResetRequested(Guid.NewGuid(), NewAddress(), "Grace", NewToken(), InAnHour);
        await service.Bus.PublishAsync(reset, NewId.NextGuid());

        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Deliveries.CountAsync(d => addresses.Contains(d.Recipient) && d.State == DeliveryState.Sent)) == 200,
            "the whole broadcast to be sent", TimeSpan.FromSeconds(60));
        var resetSentAt = await service.WithDbAsync(db => db.Deliveries.Where(d => d.Recipient == reset.Email).Select(d => d.SentAt).SingleAsync());
        var broadcastSentBefore = await service.WithDbAsync(db => db.Deliveries.CountAsync(d => addresses.Contains(d.Recipient) && d.SentAt < resetSentAt));
        Assert.True(broadcastSentBefore < 200, $"the reset went out after all {broadcastSentBefore} broadcast emails");
    }

    private HttpClient UserClient(Guid userId) => service.Host.CreateClientAs(new InternalIdentity(userId));

    private async Task<List<JsonElement>> EmailsToAsync(IEnumerable<string> addresses)
    {
        var wanted = addresses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = await MailApi.GetFromJsonAsync<JsonElement>(new Uri(service.MailWebUrl, "/api/email"));
        return all.EnumerateArray().Where(email => wanted.Contains(To(email))).ToList();
    }

    private static string To(JsonElement email) => email.GetProperty("to")[0].GetProperty("address").GetString()!;
}
