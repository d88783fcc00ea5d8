using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class AccountTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_token_carries_256_bits_and_only_its_hash_is_kept()
    {
        var (token, secret) = AccountToken.Issue(Guid.NewGuid(), TokenPurpose.VerifyEmail, TimeSpan.FromHours(24), Now);

        Assert.Equal(43, secret.Length); // 32 bytes, base64url without padding
        Assert.DoesNotContain(secret, token.TokenHash);
        Assert.Equal(AccountToken.Hash(secret), token.TokenHash);
    }

    [Fact]
    public void A_token_works_once_and_not_after_it_expires()
    {
        var (token, _) = AccountToken.Issue(Guid.NewGuid(), TokenPurpose.ResetPassword, TimeSpan.FromHours(1), Now);
        var (late, _) = AccountToken.Issue(Guid.NewGuid(), TokenPurpose.ResetPassword, TimeSpan.FromHours(1), Now);

        Assert.True(token.TryUse(Now.AddMinutes(5)));
        Assert.False(token.TryUse(Now.AddMinutes(6)));
        Assert.False(late.TryUse(Now.AddHours(1)));
    }

    [Fact]
    public void Two_tokens_never_share_a_secret()
    {
        var secrets = Enumerable.Range(0, 1000).Select(_ => AccountToken.Issue(Guid.Empty, TokenPurpose.VerifyEmail, TimeSpan.FromHours(1), Now).Secret);
        Assert.Equal(1000, secrets.Distinct().Count());
    }
}
