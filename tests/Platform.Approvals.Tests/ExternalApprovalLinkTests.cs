using Platform.Approvals.Model.External;

namespace Platform.Approvals.Tests;

public sealed class ExternalApprovalLinkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_link_opens_once_and_its_nonce_decides_once_within_30_minutes()
    {
        var (link, token) = Issue();
        Assert.True(token.Length >= 43);
        Assert.Equal(ExternalApprovalLink.Hash(token), link.TokenHash);

        var (nonce, refusal) = link.Open(Now);
        Assert.Null(refusal);
        Assert.NotNull(link.Open(Now.AddSeconds(1)).Refusal);
        Assert.NotNull(link.Redeem("something else", Now));
        Assert.NotNull(link.Redeem(nonce, Now + ExternalApprovalLink.NonceLifetime));
        Assert.Null(link.Redeem(nonce, Now.AddMinutes(29)));
        Assert.NotNull(link.Redeem(nonce, Now.AddMinutes(29)));
    }

    [Fact]
    public void An_expired_or_voided_link_does_not_open()
    {
        var (expired, _) = Issue();
        Assert.Contains("expired", expired.Open(Now.AddDays(1)).Refusal);
        var (voided, _) = Issue();
        voided.Void(Now);
        Assert.Contains("newer", voided.Open(Now).Refusal);
        Assert.False(voided.IsLive(Now));
    }

    [Fact]
    public void A_form_that_was_never_shown_decides_nothing()
    {
        var (link, _) = Issue();
        Assert.NotNull(link.Redeem("", Now));
        Assert.NotNull(link.Redeem(null, Now));
    }

    [Fact]
    public void Two_links_never_share_a_token() =>
        Assert.NotEqual(Issue().Token, Issue().Token);

    private static (ExternalApprovalLink Link, string Token) Issue() =>
        ExternalApprovalLink.Issue(Guid.NewGuid(), Guid.NewGuid(), "boss@client.example", Now, Now.AddHours(1));
}
