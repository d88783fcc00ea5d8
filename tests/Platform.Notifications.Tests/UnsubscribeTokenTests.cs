using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.Notifications.Model;

namespace Platform.Notifications.Tests;

public sealed class UnsubscribeTokenTests
{
    private static readonly UnsubscribeTokens Tokens = new("a-test-key-of-more-than-thirty-two-characters"u8.ToArray());

    [Fact]
    public void A_token_names_its_user_and_category()
    {
        var userId = Guid.NewGuid();

        var token = Tokens.Create(userId, EmailCategory.GroupMessages);

        Assert.True(Tokens.TryRead(token, out var readUser, out var readCategory));
        Assert.Equal(userId, readUser);
        Assert.Equal(EmailCategory.GroupMessages, readCategory);
        Assert.Matches("^[0-9a-f]{32}\\.group-messages\\.[A-Za-z0-9_-]{43}$", token);
    }

    [Fact]
    public void A_token_changed_to_another_user_or_category_is_refused()
    {
        var token = Tokens.Create(Guid.NewGuid(), EmailCategory.GroupMessages);
        var parts = token.Split('.');

        Assert.False(Tokens.TryRead($"{Guid.NewGuid():N}.{parts[1]}.{parts[2]}", out _, out _));
        Assert.False(Tokens.TryRead($"{parts[0]}.digests.{parts[2]}", out _, out _));
        Assert.False(Tokens.TryRead($"{parts[0]}.{parts[1]}.{parts[2][..^2]}AA", out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("00000000000000000000000000000000.group-messages.***")]
    public void Garbage_is_refused(string? token) => Assert.False(Tokens.TryRead(token, out _, out _));

    [Fact]
    public void A_token_made_with_another_key_is_refused()
    {
        var other = new UnsubscribeTokens("another-key-of-more-than-thirty-two-characters"u8.ToArray());

        Assert.False(Tokens.TryRead(other.Create(Guid.NewGuid(), EmailCategory.GroupMessages), out _, out _));
    }

    [Fact]
    public void Outside_Development_the_key_must_be_configured()
    {
        var empty = new ConfigurationBuilder().Build();

        var refused = Assert.Throws<InvalidOperationException>(() => UnsubscribeTokens.FromConfiguration(empty, Environment("Production")));
        Assert.Contains("Email:UnsubscribeKey", refused.Message);
    }

    [Fact]
    public void Development_has_a_fixed_key_so_links_survive_a_restart()
    {
        var empty = new ConfigurationBuilder().Build();
        var token = UnsubscribeTokens.FromConfiguration(empty, Environment("Development")).Create(Guid.NewGuid(), EmailCategory.Digests);

        Assert.True(UnsubscribeTokens.FromConfiguration(empty, Environment("Development")).TryRead(token, out _, out _));
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Email:UnsubscribeKey"] = "short" }).Build();

        Assert.Throws<InvalidOperationException>(() => UnsubscribeTokens.FromConfiguration(configuration, Environment("Production")));
    }

    private static IHostEnvironment Environment(string name) => new TestEnvironment(name);
}
