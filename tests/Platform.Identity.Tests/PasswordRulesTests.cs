using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class PasswordRulesTests
{
    private static readonly PasswordRules Rules = new(PasswordBlocklist.LoadShipped());
    private static readonly PasswordContext Ada = new("ada.lovelace@example.com", "Ada", "Lovelace");

    [Fact]
    public void The_shipped_blocklist_has_at_least_ten_thousand_passwords() =>
        Assert.True(PasswordBlocklist.LoadShipped().Count >= 10_000);

    [Theory]
    [InlineData("fourteen chars", false)]
    [InlineData("fifteen chars!!", true)]
    [InlineData("🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂", true)]
    public void Passwords_need_fifteen_characters_counted_as_unicode_characters(string password, bool accepted) =>
        Assert.Equal(accepted, Rules.Check(password, Ada) is null);

    [Fact]
    public void Passwords_over_the_cap_are_refused_rather_than_truncated()
    {
        Assert.Null(Rules.Check(new string('x', 200) + new string('y', PasswordRules.MaxLength - 200), Ada));
        Assert.NotNull(Rules.Check(new string('x', PasswordRules.MaxLength + 1), Ada));
    }

    [Fact]
    public void At_least_64_characters_are_accepted() =>
        Assert.Null(Rules.Check("a sentence that is long enough to pass every rule we have here, easily", Ada));

    [Theory]
    [InlineData("passwordpassword")]
    [InlineData("PasswordPassword")]
    [InlineData("1234567890123456")]
    public void Common_passwords_are_refused_whatever_their_case(string password)
    {
        var blocklist = new PasswordBlocklist(["passwordpassword", "1234567890123456"]);
        Assert.Equal("This password is too common; choose another.", new PasswordRules(blocklist).Check(password, Ada));
    }

    [Theory]
    [InlineData("adalovelace1234")]
    [InlineData("Lovelace.Lovelace!")]
    [InlineData("platformplatform")]
    [InlineData("ada.lovelace2024!")]
    public void Passwords_built_from_the_accounts_own_words_are_refused(string password) =>
        Assert.NotNull(Rules.Check(password, Ada));

    [Fact]
    public void A_name_inside_a_long_passphrase_is_fine() =>
        Assert.Null(Rules.Check("ada rides her bicycle to the harbour", Ada));

    [Fact]
    public void The_minimum_is_configurable_but_never_below_eight()
    {
        Assert.Equal(8, new PasswordRules(new PasswordBlocklist([]), minLength: 4).MinLength);
        Assert.Equal(20, new PasswordRules(new PasswordBlocklist([]), minLength: 20).MinLength);
    }
}
