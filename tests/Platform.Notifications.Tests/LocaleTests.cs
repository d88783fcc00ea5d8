using MassTransit;
using Platform.Contracts.Identity;

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
    public async Task An_address_the_directory_does_not_know_is_written_to_in_English()
    {
        var email = IdentityEvents.NewAddress();

        await service.Bus.PublishAsync(new PasswordChanged(Guid.NewGuid(), email, "Grace", DateTimeOffset.UtcNow, "self"), NewId.NextGuid());

        Assert.Equal("Your password was changed", (await service.Mail.WaitForEmailToAsync(email)).Subject);
    }
}
