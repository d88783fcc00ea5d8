using Platform.Notifications.Delivery;
using Platform.Notifications.Model;

namespace Platform.Notifications.Tests;

public sealed class RecipientLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Five_verification_emails_an_hour_go_out_and_the_sixth_does_not()
    {
        var limit = new EmailOptions().RecipientLimits["verify-email"];

        Assert.True(limit.Allows(queuedInWindow: 4));
        Assert.False(limit.Allows(queuedInWindow: 5));
        Assert.Equal(Now.AddHours(-1), limit.WindowStart(Now));
    }

    [Theory]
    [InlineData("verify-email")]
    [InlineData("reset-password")]
    [InlineData("confirm-email-change")]
    [InlineData("existing-account-sign-up")]
    public void Every_email_a_stranger_can_trigger_by_address_is_limited(string template) =>
        Assert.True(new EmailOptions().RecipientLimits[template].IsActive);

    [Theory]
    [InlineData("password-changed")]
    [InlineData("locked-out")]
    [InlineData("group-message")]
    public void Emails_caused_by_the_account_itself_are_not_limited(string template) =>
        Assert.False(new EmailOptions().RecipientLimits.ContainsKey(template));

    [Fact]
    public void A_limit_of_zero_turns_it_off()
    {
        var limit = new RecipientLimit { Max = 0 };

        Assert.False(limit.IsActive);
        Assert.True(limit.Allows(queuedInWindow: 1000));
    }

    [Fact]
    public void The_window_is_configurable_per_template()
    {
        var limit = new RecipientLimit { Max = 2, Window = TimeSpan.FromMinutes(10) };

        Assert.Equal(Now.AddMinutes(-10), limit.WindowStart(Now));
        Assert.False(limit.Allows(queuedInWindow: 2));
        Assert.Contains("2 reset-password emails per recipient per 00:10:00", limit.Describe("reset-password"));
    }
}
