using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.ServiceDefaults.Authentication;
using Platform.Testing;

namespace Platform.Gateway.Tests;

/// <summary>
/// The gateway signs a session's internal token once per half lifetime, not per request; anything that
/// changes what the token says is a new token. (ECDSA signatures are randomized: two signings never match.)
/// </summary>
public sealed class InternalTokenReuseTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-05T08:00:00Z"));
    private readonly InternalTokenIssuer issuer;
    private readonly InternalIdentity ada = new(Guid.CreateVersion7(), "session-ada", Guid.CreateVersion7());

    public InternalTokenReuseTests() =>
        issuer = new InternalTokenIssuer(Options.Create(new InternalTokenOptions { SigningKey = TestKeys.PrivateKeyPem, Lifetime = TimeSpan.FromMinutes(1) }), clock);

    [Fact]
    public void A_session_gets_the_same_token_until_half_its_lifetime_has_passed()
    {
        var first = issuer.Issue(ada);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(first, issuer.Issue(ada with { }));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotEqual(first, issuer.Issue(ada));
    }

    public static TheoryData<string> Changes() => ["another session", "another active organization", "platform admin", "impersonated"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Anything_the_token_says_differently_is_a_new_token(string change)
    {
        var first = issuer.Issue(ada);
        var changed = change switch
        {
            "another session" => ada with { SessionId = "session-ada-2" },
            "another active organization" => ada with { ActiveOrganizationId = Guid.CreateVersion7() },
            "platform admin" => ada with { PlatformAdmin = true },
            _ => ada with { ImpersonatorId = Guid.CreateVersion7() },
        };
        Assert.NotEqual(first, issuer.Issue(changed));
        Assert.Equal(first, issuer.Issue(ada));
    }

    [Fact]
    public void An_api_token_with_scopes_is_signed_per_request()
    {
        var caller = ada with { SessionId = null, ClientId = "plt_x", Scopes = ["members.read"] };
        Assert.NotEqual(issuer.Issue(caller), issuer.Issue(caller));
    }

    [Fact]
    public void Many_sessions_do_not_grow_the_cache_past_its_bound_and_stay_correct()
    {
        var tokens = Enumerable.Range(0, 12_000).Select(i => (Identity: ada with { SessionId = $"s{i}" }, Token: "")).ToList();
        for (var i = 0; i < tokens.Count; i++) tokens[i] = tokens[i] with { Token = issuer.Issue(tokens[i].Identity) };
        var last = tokens[^1];
        Assert.Equal(last.Token, issuer.Issue(last.Identity));
    }
}
