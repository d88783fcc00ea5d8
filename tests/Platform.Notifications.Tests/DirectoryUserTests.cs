using Platform.Notifications.Model;

namespace Platform.Notifications.Tests;

public sealed class DirectoryUserTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_changed_address_replaces_the_current_one_and_the_old_is_remembered()
    {
        var user = Registered("Grace@Example.com");

        user.ChangeEmail("grace@example.com", "grace.new@example.com", T0.AddMinutes(1));

        Assert.Equal("grace.new@example.com", user.Email);
        Assert.Equal(["grace.new@example.com", "grace@example.com"], user.Addresses);
    }

    [Fact]
    public void A_registration_that_arrives_after_an_email_change_keeps_the_newer_address()
    {
        var user = DirectoryUser.Unknown(Guid.NewGuid());
        user.ChangeEmail("grace@example.com", "grace.new@example.com", T0.AddMinutes(1));

        user.Register("grace@example.com", "Grace", "de", T0);

        Assert.Equal("grace.new@example.com", user.Email);
        Assert.Equal("Grace", user.FirstName);
        Assert.Equal("de", user.Locale);
        Assert.Contains("grace@example.com", user.Addresses);
    }

    [Fact]
    public void A_deleted_account_keeps_no_personal_data_and_late_events_do_not_bring_it_back()
    {
        var user = Registered("grace@example.com");
        user.ChangeEmail("grace@example.com", "grace.new@example.com", T0.AddMinutes(1));

        user.Forget(T0.AddMinutes(2));
        user.Register("grace@example.com", "Grace", "de", T0);
        user.ChangeEmail("grace.new@example.com", "grace.third@example.com", T0.AddMinutes(3));

        Assert.True(user.Deleted);
        Assert.Null(user.Email);
        Assert.Empty(user.Addresses);
        Assert.Equal("", user.FirstName);
        Assert.Null(user.Locale);
    }

    private static DirectoryUser Registered(string email)
    {
        var user = DirectoryUser.Unknown(Guid.NewGuid());
        user.Register(email, "Grace", null, T0);
        return user;
    }
}
