using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Messaging;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>Membership's invitations, published on RabbitMQ, arrive as the email that lets the invitee join.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class InvitationEmailTests(NotificationsServiceFixture service)
{
    private const string AcceptPath = "/api/membership/invitations/accept";
    private const string SignUpPath = "/api/identity/invitation";
    private static readonly DateTimeOffset Expiry = new(2030, 1, 15, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_known_account_is_invited_to_sign_in_and_accept()
    {
        var invited = Invitation(accountKnown: true);
        await service.Bus.PublishAsync(invited, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(invited.Email);
        Assert.Equal("Grace Hopper invited you to join Order group North", email.Subject);
        Assert.Contains("Grace Hopper invited you to join Order group North as admin.", email.Text);
        Assert.Contains("accept the invitation", email.Text);
        Assert.Contains("until 2030-01-15 14:30 UTC", email.Text);
        AssertHasLink(email, AcceptPath, invited.Token);
        Assert.DoesNotContain(SignUpPath, email.Text);
    }

    [Fact]
    public async Task An_unknown_address_is_invited_to_set_a_password_to_join()
    {
        var invited = Invitation(accountKnown: false);
        await service.Bus.PublishAsync(invited, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(invited.Email);
        Assert.Contains("set a password to join", email.Text);
        AssertHasLink(email, SignUpPath, invited.Token);
        Assert.DoesNotContain(AcceptPath, email.Text);
    }

    [Fact]
    public async Task A_placeholder_from_an_import_sends_nothing()
    {
        var invited = Invitation(accountKnown: false) with { SendEmail = false };
        var messageId = NewId.NextGuid();
        await service.Bus.PublishAsync(invited, messageId);

        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.Set<InboxRecord>()
            .AnyAsync(r => r.MessageId == messageId && r.Consumer == "InvitationCreatedConsumer")), "the invitation to be handled");
        Assert.Equal(0, await service.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Recipient == invited.Email)));
        Assert.Empty(await service.Mail.ToAsync(invited.Email));
    }

    [Fact]
    public async Task A_resend_sends_a_new_email_with_the_new_token_and_a_redelivery_sends_none()
    {
        var first = Invitation(accountKnown: true);
        var resent = first with { Token = NewToken(), CreatedAt = DateTimeOffset.UtcNow };
        var resentId = NewId.NextGuid();

        await service.Bus.PublishAsync(first, NewId.NextGuid());
        await service.Mail.WaitForEmailToAsync(first.Email);
        await service.Bus.PublishAsync(resent, resentId);
        await service.Bus.PublishAsync(resent, resentId);

        var emails = await Eventually.GetAsync(async () => await service.Mail.ToAsync(first.Email) is { Count: 2 } both ? both : null, "the resent email");
        Assert.Contains(emails, e => e.Text!.Contains(Link(AcceptPath, first.Token)));
        Assert.Contains(emails, e => e.Text!.Contains(Link(AcceptPath, resent.Token)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await service.Mail.ToAsync(first.Email)).Count);
        Assert.Equal(2, await service.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Recipient == first.Email)));
    }

    [Fact]
    public async Task The_stored_copy_of_a_sent_invitation_has_its_token_masked()
    {
        var invited = Invitation(accountKnown: false);
        await service.Bus.PublishAsync(invited, NewId.NextGuid());

        var delivery = await Eventually.GetAsync(() => service.WithDbAsync(db => db.Deliveries.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Recipient == invited.Email && d.State == DeliveryState.Sent)), "the invitation to be sent");
        Assert.Equal("transactional", delivery.Category.Name());
        Assert.Contains($"{SignUpPath}?token=***", delivery.TextBody);
        Assert.DoesNotContain(Uri.EscapeDataString(invited.Token), delivery.TextBody + delivery.HtmlBody);
        Assert.True(delivery.SecretsMasked);
    }

    [Fact]
    public async Task An_inviter_or_organization_name_with_markup_arrives_escaped()
    {
        var invited = Invitation(accountKnown: true) with { InviterName = "<script>alert(1)</script>", OrganizationName = "<b>Co-op</b>" };
        await service.Bus.PublishAsync(invited, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(invited.Email);
        Assert.DoesNotContain("<script>", email.Html);
        Assert.DoesNotContain("<b>Co-op", email.Html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html);
    }

    internal static InvitationCreated Invitation(bool accountKnown) => new(
        Guid.NewGuid(), Guid.NewGuid(), NewAddress("invitee"), "admin", "Order group North", "Grace Hopper", NewToken(), Expiry,
        accountKnown, DateTimeOffset.UtcNow);

    private static string Link(string path, string token) => $"{NotificationsServiceFixture.PublicBaseUrl}{path}?token={Uri.EscapeDataString(token)}";

    private static void AssertHasLink(ReceivedEmail email, string path, string token)
    {
        Assert.Contains(Link(path, token), email.Text);
        Assert.Contains($"href=\"{Link(path, token)}\"", WebUtility.HtmlDecode(email.Html));
    }
}
