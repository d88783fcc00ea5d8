using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>Each of identity's events, published on RabbitMQ, arrives as the right email at the right address.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class IdentityEmailTests(NotificationsServiceFixture service)
{
    [Fact]
    public async Task A_verification_request_sends_the_verification_link()
    {
        var requested = VerificationRequested();
        await service.Bus.PublishAsync(requested, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(requested.Email);
        Assert.Equal("Confirm your email address", email.Subject);
        Assert.Contains("Hello Grace,", email.Text);
        AssertHasLink(email, Link("verify-email", requested.Token));
    }

    [Fact]
    public async Task A_sign_up_with_a_taken_address_tells_its_owner_without_any_link_to_act_on()
    {
        var attempted = new SignUpAttemptedForExistingAccount(Guid.NewGuid(), NewAddress(), "Grace", DateTimeOffset.UtcNow);
        await service.Bus.PublishAsync(attempted, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(attempted.Email);
        Assert.Equal("Someone tried to sign up with your email address", email.Subject);
        Assert.Contains("Forgot password", email.Text);
        Assert.Contains(NotificationsServiceFixture.PublicBaseUrl + "/sign-in", email.Text);
        Assert.DoesNotContain("token=", email.Text + WebUtility.HtmlDecode(email.Html));
    }

    [Fact]
    public async Task A_password_reset_request_sends_the_reset_link()
    {
        var requested = new PasswordResetRequested(Guid.NewGuid(), NewAddress(), "Grace", NewToken(), InAnHour);
        await service.Bus.PublishAsync(requested, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(requested.Email);
        Assert.Equal("Reset your password", email.Subject);
        AssertHasLink(email, Link("reset-password", requested.Token));
    }

    [Fact]
    public async Task An_account_an_administrator_created_gets_a_link_to_set_its_first_password()
    {
        var requested = new PasswordResetRequested(Guid.NewGuid(), NewAddress(), "Grace", NewToken(), InAnHour, AccountSetup: true);
        await service.Bus.PublishAsync(requested, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(requested.Email);
        Assert.Equal("Set the password for your new account", email.Subject);
        Assert.Contains("Set your password for your new account", email.Text);
        AssertHasLink(email, Link("reset-password", requested.Token));
    }

    [Fact]
    public async Task A_changed_password_is_reported_to_the_owner()
    {
        var changed = new PasswordChanged(Guid.NewGuid(), NewAddress(), "Grace", DateTimeOffset.UtcNow, "self");
        await service.Bus.PublishAsync(changed, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(changed.Email);
        Assert.Equal("Your password was changed", email.Subject);
        Assert.Contains("If it was not you, reset your password", email.Text);
    }

    [Fact]
    public async Task An_email_change_sends_the_confirmation_link_to_the_new_address_and_a_notice_to_the_old()
    {
        var requested = new EmailChangeRequested(Guid.NewGuid(), NewAddress("old"), NewAddress("new"), "Grace", NewToken(), InAnHour);
        await service.Bus.PublishAsync(requested, NewId.NextGuid());

        var confirmation = await service.Mail.WaitForEmailToAsync(requested.NewEmail);
        Assert.Equal("Confirm your new email address", confirmation.Subject);
        AssertHasLink(confirmation, Link("confirm-email-change", requested.Token));

        var notice = await service.Mail.WaitForEmailToAsync(requested.OldEmail);
        Assert.Equal("Your email address is being changed", notice.Subject);
        Assert.Contains($"from {requested.OldEmail} to {requested.NewEmail}", notice.Text);
        Assert.DoesNotContain("token=", notice.Text + WebUtility.HtmlDecode(notice.Html));
    }

    [Fact]
    public async Task A_lockout_tells_the_owner_when_the_account_unlocks()
    {
        var locked = new UserLockedOut(Guid.NewGuid(), NewAddress(), DateTimeOffset.UtcNow, new DateTimeOffset(2030, 1, 15, 14, 30, 0, TimeSpan.Zero));
        await service.Bus.PublishAsync(locked, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(locked.Email);
        Assert.Equal("Your account was locked", email.Subject);
        Assert.Contains("It unlocks at 2030-01-15 14:30 UTC", email.Text);
        Assert.Contains(NotificationsServiceFixture.PublicBaseUrl + "/sign-in", email.Text);
    }

    [Fact]
    public async Task A_lockout_without_an_end_says_an_administrator_must_unlock_the_account()
    {
        var locked = new UserLockedOut(Guid.NewGuid(), NewAddress(), DateTimeOffset.UtcNow, LockedUntil: null);
        await service.Bus.PublishAsync(locked, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(locked.Email);
        Assert.Contains("An administrator must unlock it", email.Text);
        Assert.DoesNotContain("It unlocks at", email.Text);
    }

    [Fact]
    public async Task A_verified_address_gets_the_welcome_email()
    {
        var verified = new EmailVerified(Guid.NewGuid(), NewAddress(), DateTimeOffset.UtcNow);
        await service.Bus.PublishAsync(verified, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(verified.Email);
        Assert.Equal("Welcome to Platform", email.Subject);
        Assert.Contains($"your email address {verified.Email} is confirmed", email.Text);
        Assert.Contains(NotificationsServiceFixture.PublicBaseUrl + "/sign-in", email.Text);
    }

    [Fact]
    public async Task A_name_with_markup_arrives_escaped_in_the_html_part_and_as_written_in_the_text_part()
    {
        var requested = VerificationRequested() with { FirstName = "<script>alert(1)</script>" };
        await service.Bus.PublishAsync(requested, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(requested.Email);
        Assert.DoesNotContain("<script>", email.Html);
        Assert.Contains("Hello &lt;script&gt;alert(1)&lt;/script&gt;,", email.Html);
        Assert.Contains("Hello <script>alert(1)</script>,", email.Text);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_sends_one_email()
    {
        var requested = VerificationRequested();
        var messageId = NewId.NextGuid();

        await service.Bus.PublishAsync(requested, messageId);
        await service.Bus.PublishAsync(requested, messageId);

        await service.Mail.WaitForEmailToAsync(requested.Email);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await service.Mail.ToAsync(requested.Email));
        Assert.Equal(1, await service.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Recipient == requested.Email)));
    }

    private static void AssertHasLink(ReceivedEmail email, string link)
    {
        Assert.Contains(link, email.Text);
        Assert.Contains($"href=\"{link}\"", WebUtility.HtmlDecode(email.Html));
    }
}
