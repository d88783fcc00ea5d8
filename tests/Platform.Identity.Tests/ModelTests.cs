using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class ModelTests
{
    [Theory]
    [InlineData("  Alice@Example.COM ", "alice@example.com")]
    [InlineData("bob@sub.example.org", "bob@sub.example.org")]
    public void Emails_are_trimmed_and_lowercased(string input, string expected)
    {
        Assert.True(EmailAddress.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@localhost")]
    [InlineData("a\u0000b@example.com")]
    public void Malformed_emails_are_refused(string? input) => Assert.False(EmailAddress.TryNormalize(input, out _));

    [Fact]
    public void An_email_over_254_characters_is_refused() =>
        Assert.False(EmailAddress.TryNormalize(new string('a', 250) + "@example.com", out _));


    [Fact]
    public void A_hash_names_its_parameters_and_verifies_only_its_password()
    {
        var hasher = new PasswordHasher();
        var hash = hasher.Hash("correct horse battery staple");

        Assert.StartsWith($"pbkdf2-sha512${PasswordHasher.DefaultIterations}$", hash);
        Assert.False(hasher.NeedsRehash(hash));
        Assert.True(new PasswordHasher(300_000).NeedsRehash(hash));
        Assert.True(hasher.Verify("correct horse battery staple", hash));
        Assert.False(hasher.Verify("correct horse battery stapler", hash));
        Assert.NotEqual(hash, hasher.Hash("correct horse battery staple"));
    }

    [Fact]
    public void Verifying_without_a_stored_hash_still_does_the_work_and_fails() =>
        Assert.False(new PasswordHasher().Verify("any password at all", null));

    [Fact]
    public void Unicode_forms_of_one_password_verify_alike()
    {
        var hasher = new PasswordHasher();
        var composed = "caf\u00e9 au lait, s'il vous plait";
        var decomposed = "cafe\u0301 au lait, s'il vous plait";

        Assert.True(hasher.Verify(decomposed, hasher.Hash(composed)));
    }
}
