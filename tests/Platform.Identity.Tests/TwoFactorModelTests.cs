using OtpNet;
using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class TwoFactorModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 10, TimeSpan.Zero);

    [Fact]
    public void A_code_is_accepted_one_step_either_side_and_no_further()
    {
        var secret = TotpCode.NewSecret();
        var totp = new Totp(Base32Encoding.ToBytes(secret));

        foreach (var offset in new[] { -30, 0, 30 })
        {
            Assert.NotNull(TotpCode.MatchingStep(secret, totp.ComputeTotp(Now.AddSeconds(offset).UtcDateTime), Now));
        }

        Assert.Null(TotpCode.MatchingStep(secret, totp.ComputeTotp(Now.AddSeconds(-65).UtcDateTime), Now));
        Assert.Null(TotpCode.MatchingStep(secret, totp.ComputeTotp(Now.AddSeconds(65).UtcDateTime), Now));
        Assert.Null(TotpCode.MatchingStep(secret, "12345", Now));
        Assert.Null(TotpCode.MatchingStep(secret, "abcdef", Now));
    }

    [Fact]
    public void Two_factor_turns_on_only_from_a_pending_secret_and_cannot_be_enrolled_again_while_on()
    {
        var user = User.Register(new Registration("ada@example.com", "unused here", "Ada", "Lovelace"), "hash", Now);
        Assert.False(user.ConfirmTwoFactor(1, Now));
        Assert.True(user.StartTwoFactorEnrolment(TotpCode.NewSecret()));
        Assert.True(user.ConfirmTwoFactor(42, Now));
        Assert.True(user.TwoFactorEnabled);
        Assert.Equal(42, user.LastTotpStep);
        Assert.False(user.StartTwoFactorEnrolment(TotpCode.NewSecret()));

        user.DisableTwoFactor();
        Assert.False(user.TwoFactorEnabled);
        Assert.Null(user.TwoFactorSecret);
    }

    [Fact]
    public void Recovery_codes_are_ten_distinct_and_typed_in_any_case_with_or_without_the_dash()
    {
        var (codes, shown) = RecoveryCode.NewSet(Guid.CreateVersion7(), Now);
        Assert.Equal(10, shown.Distinct().Count());
        Assert.Equal(codes.Select(c => c.CodeHash), shown.Select(RecoveryCode.Hash));
        Assert.Equal(RecoveryCode.Hash(shown[0]), RecoveryCode.Hash(" " + shown[0].Replace("-", "").ToUpperInvariant()));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void With_a_second_factor_eight_characters_are_enough(bool secondFactor, bool accepted)
    {
        var rules = new PasswordRules(PasswordBlocklist.LoadShipped());
        Assert.Equal(accepted, rules.Check("kq7#vR2x", new PasswordContext("ada@example.com", "Ada", "Lovelace", secondFactor)) is null);
        Assert.NotNull(rules.Check("kq7#vR2", new PasswordContext("ada@example.com", "Ada", "Lovelace", SecondFactor: true)));
    }
}
