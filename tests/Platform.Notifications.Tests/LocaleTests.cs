using MassTransit;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;

namespace Platform.Notifications.Tests;

/// <summary>A known user gets every email in the language identity registered them with; English otherwise.</summary>
[Collection(SharedServiceCollection.Name)]
public sealed class LocaleTests(NotificationsServiceFixture service)
{
    [Theory]
    [InlineData("de", "Ihr Passwort wurde geändert")]
    [InlineData("de-CH", "Ihr Passwort wurde geändert")]
    [InlineData("fr", "Your password was changed")]
    [InlineData(null, "Your password was changed")]
    public async Task A_known_user_is_written_to_in_their_language_with_English_as_the_fallback(string? locale, string subject)
    {
        var (userId, email) = await service.RegisterAsync("Grete", locale);

        await service.Bus.PublishAsync(new PasswordChanged(userId, email, "Grete", DateTimeOffset.UtcNow, "self"), NewId.NextGuid());

        Assert.Equal(subject, (await service.Mail.WaitForEmailToAsync(email)).Subject);
    }

    [Fact]
    public async Task A_broadcast_reaches_each_known_member_in_their_own_language()
    {
        var grete = await service.RegisterAsync("Grete", "de");
        var grace = await service.RegisterAsync("Grace");
        var posted = new GroupMessagePosted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Order group North", Guid.NewGuid(), "Ada Lovelace",
            "Pick-up moves", "Friday, 4 pm.",
            [new GroupMessageRecipient(grete.UserId, grete.Email, "Grete"), new GroupMessageRecipient(grace.UserId, grace.Email, "Grace")],
            DateTimeOffset.UtcNow);

        await service.Bus.PublishAsync(posted, NewId.NextGuid());

        Assert.Contains("Ada Lovelace hat am", (await service.Mail.WaitForEmailToAsync(grete.Email)).Text);
        Assert.Contains("Ada Lovelace wrote to Order group North", (await service.Mail.WaitForEmailToAsync(grace.Email)).Text);
    }

    [Fact]
    public async Task An_invitation_to_a_known_user_is_in_their_language()
    {
        var grete = await service.RegisterAsync("Grete", "de");
        var invited = InvitationEmailTests.Invitation(accountKnown: true) with { Email = grete.Email.ToUpperInvariant() };

        await service.Bus.PublishAsync(invited, NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(grete.Email);
        Assert.Equal("Grace Hopper lädt Sie zu Order group North ein", email.Subject);
        Assert.Contains("mit der Rolle „admin“ beizutreten", email.Text);
    }

    [Fact]
    public async Task An_address_the_directory_does_not_know_is_written_to_in_English()
    {
        var email = IdentityEvents.NewAddress();

        await service.Bus.PublishAsync(new PasswordChanged(Guid.NewGuid(), email, "Grace", DateTimeOffset.UtcNow, "self"), NewId.NextGuid());

        Assert.Equal("Your password was changed", (await service.Mail.WaitForEmailToAsync(email)).Subject);
    }
}
