using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;

namespace Platform.Gateway.Tests;

/// <summary>TOTP two-factor as a person meets it: enrol with an authenticator, then log in in two steps.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TwoFactorTests(GatewayFixture platform)
{
    private readonly Callers callers = new(platform);

    [Fact]
    public async Task Enrolment_then_login_with_a_code_and_a_replayed_code_is_refused()
    {
        var (_, email) = await callers.VerifiedUserAsync("totp");
        var cookie = await callers.LogInForCookieAsync(email);
        var wrongPassword = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor", cookie, new { password = "not my password at all" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);

        var enrolment = await (await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor", cookie, new { password = Callers.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/", enrolment.GetProperty("otpauthUri").GetString());
        Assert.Contains($"secret={secret}", enrolment.GetProperty("otpauthUri").GetString());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(enrolment.GetProperty("qrCodePng").GetString()!)[..4]);

        Assert.Equal(HttpStatusCode.BadRequest, (await Confirm(cookie, WrongCode(secret))).StatusCode);
        var recoveryCodes = await ConfirmForCodesAsync(cookie, secret);
        Assert.Equal(10, recoveryCodes.Length);

        // After the password: no session, a challenge.
        var first = await callers.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"));
        var challenge = ChallengeOf(await first.Content.ReadFromJsonAsync<JsonElement>());

        var code = Code(secret, TimeSpan.FromSeconds(30)); // the next step: the enrolment used the current one
        var completed = await CompleteAsync(challenge, code: code);
        var session = Callers.SessionCookieOf(completed);
        var account = await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", session)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(account.GetProperty("twoFactorEnabled").GetBoolean());

        Assert.Equal(HttpStatusCode.Unauthorized, (await CompleteAsync(challenge, code: code)).StatusCode); // the challenge is used up
        var again = ChallengeOf(await (await callers.LogInAsync(email)).Content.ReadFromJsonAsync<JsonElement>());
        await Problems.AssertProblemAsync(await CompleteAsync(again, code: code), HttpStatusCode.Unauthorized); // the code is used up

        var history = (await (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account/export", session)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("two-factor.enrolment-started", history);
        Assert.Contains("two-factor.enabled", history);
        Assert.Contains("session.two-factor-requested", history);
        Assert.Contains("session.two-factor-failed", history);
    }

    [Fact]
    public async Task A_recovery_code_works_once_and_regenerating_voids_the_old_ones()
    {
        var (email, secret, codes) = await UserWithTwoFactorAsync("recovery");

        Callers.SessionCookieOf(await CompleteAsync(await ChallengeAsync(email), recoveryCode: codes[0].ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await CompleteAsync(await ChallengeAsync(email), recoveryCode: codes[0])).StatusCode);
        var session = Callers.SessionCookieOf(await CompleteAsync(await ChallengeAsync(email), recoveryCode: codes[1]));

        var regenerated = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor/recovery-codes", session, new { password = Callers.Password });
        var fresh = (await regenerated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        Assert.Equal(HttpStatusCode.Unauthorized, (await CompleteAsync(await ChallengeAsync(email), recoveryCode: codes[2])).StatusCode);
        Callers.SessionCookieOf(await CompleteAsync(await ChallengeAsync(email), recoveryCode: fresh[0]));
    }

    [Fact]
    public async Task Wrong_codes_lead_to_lockout()
    {
        var (email, secret, _) = await UserWithTwoFactorAsync("lockout");
        var challenge = await ChallengeAsync(email);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await CompleteAsync(challenge, code: WrongCode(secret))).StatusCode);
        }

        // The correct password again does not reset the count: two more wrong codes lock the account.
        challenge = await ChallengeAsync(email);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await CompleteAsync(challenge, code: WrongCode(secret))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await callers.LogInAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CompleteAsync(challenge, code: Code(secret, TimeSpan.FromSeconds(30)))).StatusCode);
    }

    [Fact]
    public async Task Disabling_needs_the_password_and_ends_the_other_sessions()
    {
        var (email, secret, codes) = await UserWithTwoFactorAsync("disable");
        var here = Callers.SessionCookieOf(await CompleteAsync(await ChallengeAsync(email), code: Code(secret, TimeSpan.FromSeconds(30))));
        var elsewhere = Callers.SessionCookieOf(await CompleteAsync(await ChallengeAsync(email), recoveryCode: codes[0]));

        // With two-factor on, eight characters are enough for a new password.
        const string shortPassword = "kq7#vR2x";
        var changed = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/password", here,
            new { currentPassword = Callers.Password, newPassword = shortPassword, endOtherSessions = false });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await callers.WithCookieAsync(HttpMethod.Delete, "/api/identity/account/two-factor", here, new { password = Callers.Password })).StatusCode);
        var disabled = await callers.WithCookieAsync(HttpMethod.Delete, "/api/identity/account/two-factor", here, new { password = shortPassword });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ended").GetInt32() >= 1);

        Assert.Equal(HttpStatusCode.Unauthorized, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", elsewhere)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await callers.WithCookieAsync(HttpMethod.Get, "/api/identity/account", here)).StatusCode);
        Callers.SessionCookieOf(await callers.LogInAsync(email, shortPassword)); // one step again
        var tooShortNow = await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/password", here,
            new { currentPassword = shortPassword, newPassword = "kq7#vR2y" });
        Assert.Equal(HttpStatusCode.BadRequest, tooShortNow.StatusCode);
    }

    private async Task<(string Email, string Secret, string[] RecoveryCodes)> UserWithTwoFactorAsync(string name)
    {
        var (_, email) = await callers.VerifiedUserAsync(name);
        var cookie = await callers.LogInForCookieAsync(email);
        var enrolment = await (await callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor", cookie, new { password = Callers.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = enrolment.GetProperty("secret").GetString()!;
        return (email, secret, await ConfirmForCodesAsync(cookie, secret));
    }

    private async Task<string[]> ConfirmForCodesAsync(string cookie, string secret)
    {
        var confirmed = await Confirm(cookie, Code(secret, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
    }

    private Task<HttpResponseMessage> Confirm(string cookie, string code) =>
        callers.WithCookieAsync(HttpMethod.Post, "/api/identity/account/two-factor/confirm", cookie, new { code });

    private async Task<string> ChallengeAsync(string email)
    {
        var response = await callers.LogInAsync(email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ChallengeOf(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static string ChallengeOf(JsonElement body)
    {
        Assert.True(body.GetProperty("twoFactorRequired").GetBoolean());
        return body.GetProperty("challenge").GetString()!;
    }

    private Task<HttpResponseMessage> CompleteAsync(string challenge, string? code = null, string? recoveryCode = null) =>
        callers.Client.PostAsJsonAsync("/api/identity/sessions/two-factor", new { challenge, code, recoveryCode });

    private static string Code(string secret, TimeSpan offset) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow + offset);

    /// <summary>A code valid at no step of the window.</summary>
    private static string WrongCode(string secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !valid.Contains(c));
    }
}
