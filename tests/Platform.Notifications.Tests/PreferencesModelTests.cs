using Platform.Notifications.Model;
using Platform.Notifications.Templates;

namespace Platform.Notifications.Tests;

public sealed class PreferencesModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TemplateRenderer Renderer = new(Path.Combine(AppContext.BaseDirectory, "Templates"));

    [Fact]
    public void A_user_without_preferences_receives_everything()
    {
        var preferences = NotificationPreferences.Default(Guid.NewGuid());

        Assert.All(Enum.GetValues<EmailCategory>(), category => Assert.True(preferences.Receives(category)));
    }

    [Theory]
    [InlineData(EmailCategory.GroupMessages)]
    [InlineData(EmailCategory.Digests)]
    public void Group_messages_and_digests_can_be_turned_off_and_on(EmailCategory category)
    {
        var preferences = NotificationPreferences.Default(Guid.NewGuid());

        Assert.True(preferences.Set(category, receive: false, Now));
        Assert.False(preferences.Receives(category));
        Assert.Equal(Now, preferences.UpdatedAt);
        Assert.True(preferences.Set(category, receive: true, Now));
        Assert.True(preferences.Receives(category));
    }

    [Theory]
    [InlineData(EmailCategory.Security)]
    [InlineData(EmailCategory.Transactional)]
    public void Security_and_transactional_emails_cannot_be_turned_off(EmailCategory category)
    {
        var preferences = NotificationPreferences.Default(Guid.NewGuid());

        Assert.False(preferences.Set(category, receive: false, Now));
        Assert.True(preferences.Receives(category));
        Assert.True(preferences.Set(category, receive: true, Now));
    }

    [Fact]
    public void Every_template_has_a_category_and_only_broadcasts_can_be_opted_out_of()
    {
        var optional = Renderer.Templates.Where(template => EmailCategories.Of(template).CanOptOut()).ToList();

        Assert.Equal(["group-message"], optional);
        Assert.Equal(EmailCategory.Transactional, EmailCategories.Of("welcome"));
        Assert.All(
            ["verify-email", "reset-password", "password-changed", "confirm-email-change", "email-change-notice", "locked-out", "existing-account-sign-up"],
            template => Assert.Equal(EmailCategory.Security, EmailCategories.Of(template)));
    }

    [Fact]
    public void Category_names_read_back()
    {
        foreach (var category in Enum.GetValues<EmailCategory>())
        {
            Assert.True(EmailCategories.TryParse(category.Name(), out var parsed));
            Assert.Equal(category, parsed);
        }

        Assert.False(EmailCategories.TryParse("GroupMessages", out _));
    }
}
