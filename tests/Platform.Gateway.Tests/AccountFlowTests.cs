using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Gateway.Tests;

/// <summary>
/// Identity's flows as a person meets them: through the gateway only, with every email read back
/// from the SMTP sink and its link followed.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class AccountFlowTests(GatewayFixture platform)
{
    private const string Password = "correct horse battery staple";
    private const string VerifyPath = "/api/identity/pages/verify-email";
    private const string ResetPath = "/api/identity/pages/reset-password";
    private const string ConfirmEmailPath = "/api/identity/pages/confirm-email-change";

    private HttpClient Client => platform.GatewayClient();

    [Fact]
    public async Task Sign_up_verify_through_the_emailed_link_log_in_and_log_out()
    {
        var email = Registrations.UniqueEmail("flow");
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email))).StatusCode);

        var beforeVerification = await LogInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Forbidden, beforeVerification.StatusCode);

        var link = await platform.Mail.WaitForLinkAsync(email, VerifyPath);
        var page = await Client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(VerifyPath, ("token", link.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(VerifyPath, ("token", link.Token))).StatusCode); // single use

        var cookie = await LogInForCookieAsync(email, Password);
        var account = await GetAsync("/api/identity/account", cookie);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal(email, (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "/api/identity/sessions/current", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/identity/account", cookie)).StatusCode);
    }

    [Fact]
    public async Task A_tampered_or_unknown_link_is_refused()
    {
        var email = Registrations.UniqueEmail("tamper");
        await Client.PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email));
        var link = await platform.Mail.WaitForLinkAsync(email, VerifyPath);
        var tampered = link.Token[..^2] + (link.Token.EndsWith("AA") ? "BB" : "AA");

        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(VerifyPath, ("token", tampered))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsJsonAsync("/api/identity/accounts/verification", new { token = "nothing" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await LogInAsync(email, Password)).StatusCode);
    }

    [Fact]
    public async Task Signing_up_with_a_taken_address_answers_alike_and_emails_its_owner()
    {
        var email = Registrations.UniqueEmail("taken");
        var first = await Client.PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email));
        var second = await Client.PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email.ToUpperInvariant()));

        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(async () => (await platform.Mail.ToAsync(email)).Count == 2, "the verification email and the notice to the owner");
        Assert.Single(await platform.Mail.ToAsync(email), e => EmailLink.Find(e, VerifyPath) is null);
    }

    [Fact]
    public async Task Unknown_wrong_and_locked_all_get_the_same_answer_and_cased_emails_count_as_one_account()
    {
        var email = await VerifiedUserAsync("lock");
        var unknown = await LogInAsync(Registrations.UniqueEmail("nobody"), Password);
        var wrong = await LogInAsync(email, "not the password at all");

        for (var attempt = 0; attempt < 4; attempt++)
        {
            await LogInAsync(attempt % 2 == 0 ? email.ToUpperInvariant() : $"  {email} ", "still not the password");
        }

        var locked = await LogInAsync(email, Password); // the right password, on a locked account

        foreach (var response in new[] { unknown, wrong, locked })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var bodies = await Task.WhenAll(new[] { unknown, wrong, locked }.Select(ProblemWithoutTraceAsync));
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(bodies[0], bodies[2]);
    }

    [Fact]
    public async Task A_password_reset_through_the_emailed_link_ends_every_session()
    {
        var email = await VerifiedUserAsync("reset");
        var laptop = await LogInForCookieAsync(email, Password);
        var phone = await LogInForCookieAsync(email, Password);
        Assert.NotEqual(laptop, phone); // a new session id at every login

        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync("/api/identity/accounts/password/forgot", new { email })).StatusCode);
        var link = await platform.Mail.WaitForLinkAsync(email, ResetPath);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(link.PathAndQuery)).StatusCode);

        var tooShort = await PostFormAsync(ResetPath, ("token", link.Token), ("password", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.Contains("at least", await tooShort.Content.ReadAsStringAsync());

        const string newPassword = "an entirely new passphrase here";
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(ResetPath, ("token", link.Token), ("password", newPassword))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/identity/account", laptop)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/identity/account", phone)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(email, newPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(ResetPath, ("token", link.Token), ("password", "yet another long passphrase"))).StatusCode);
    }

    [Fact]
    public async Task A_user_lists_their_sessions_and_ends_one_or_all_others()
    {
        var email = await VerifiedUserAsync("sessions");
        var first = await LogInForCookieAsync(email, Password);
        var second = await LogInForCookieAsync(email, Password);
        var third = await LogInForCookieAsync(email, Password);

        var sessions = await (await GetAsync("/api/identity/sessions", first)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, sessions.GetArrayLength());
        var other = sessions.EnumerateArray().First(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/identity/sessions/{other}", first)).StatusCode);
        var remaining = await (await GetAsync("/api/identity/sessions", first)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, remaining.GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Delete, "/api/identity/sessions", first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/identity/account", second)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/identity/account", third)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/identity/account", first)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_email_needs_the_password_and_applies_only_once_the_new_address_confirms()
    {
        var email = await VerifiedUserAsync("move");
        var cookie = await LogInForCookieAsync(email, Password);
        var newEmail = Registrations.UniqueEmail("moved");

        var wrongPassword = await SendAsync(HttpMethod.Post, "/api/identity/account/email", cookie, new { password = "not it at all, no", newEmail });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(HttpMethod.Post, "/api/identity/account/email", cookie, new { password = Password, newEmail })).StatusCode);

        var link = await platform.Mail.WaitForLinkAsync(newEmail, ConfirmEmailPath);
        await Eventually.TrueAsync(async () => (await platform.Mail.ToAsync(email)).Any(e => e.Text?.Contains(newEmail) == true), "a notice to the old address");
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(newEmail, Password)).StatusCode); // not yet

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(ConfirmEmailPath, ("token", link.Token))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(newEmail, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LogInAsync(email, Password)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_can_end_the_other_sessions()
    {
        var email = await VerifiedUserAsync("change");
        var here = await LogInForCookieAsync(email, Password);
        var elsewhere = await LogInForCookieAsync(email, Password);
        const string newPassword = "my brand new long passphrase";

        var wrong = await SendAsync(HttpMethod.Post, "/api/identity/account/password", here, new { currentPassword = "wrong wrong wrong!", newPassword });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var changed = await SendAsync(HttpMethod.Post, "/api/identity/account/password", here, new { currentPassword = Password, newPassword, endOtherSessions = true });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/identity/account", here)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/identity/account", elsewhere)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogInAsync(email, newPassword)).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_after_its_idle_timeout_and_at_its_absolute_lifetime()
    {
        var email = await VerifiedUserAsync("idle");
        var idle = await LogInForCookieAsync(email, Password);
        var busy = await LogInForCookieAsync(email, Password);
        var clocked = platform.GatewayClient(platform.ClockedGateway);
        platform.Clock.SetUtcNow(DateTimeOffset.UtcNow);

        // The busy session is used every 20 minutes, so it slides; the idle one is not.
        for (var step = 0; step < 3; step++)
        {
            platform.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/identity/account", busy, client: clocked)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/identity/account", idle, client: clocked)).StatusCode);

        platform.Clock.Advance(TimeSpan.FromHours(12));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/api/identity/account", busy, client: clocked)).StatusCode);
    }

    private async Task<string> VerifiedUserAsync(string name)
    {
        var email = Registrations.UniqueEmail(name);
        await Client.PostAsJsonAsync("/api/identity/accounts", Registrations.Valid(email));
        var link = await platform.Mail.WaitForLinkAsync(email, VerifyPath);
        (await PostFormAsync(VerifyPath, ("token", link.Token))).EnsureSuccessStatusCode();
        return email;
    }

    private Task<HttpResponseMessage> LogInAsync(string email, string password) =>
        Client.PostAsJsonAsync("/api/identity/sessions", new { email, password });

    private async Task<string> LogInForCookieAsync(string email, string password)
    {
        var response = await LogInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(GatewayFixture.SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        return setCookie.Split(';')[0][(GatewayFixture.SessionCookie.Length + 1)..];
    }

    private Task<HttpResponseMessage> GetAsync(string path, string cookie) => SendAsync(HttpMethod.Get, path, cookie);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string cookie, object? body = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", $"{GatewayFixture.SessionCookie}={cookie}");
        return (client ?? Client).SendAsync(request);
    }

    private Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    private static async Task<string> ProblemWithoutTraceAsync(HttpResponseMessage response)
    {
        var problem = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateObject().Where(p => p.Name != "traceId");
        return string.Join("|", problem.Select(p => $"{p.Name}={p.Value}"));
    }
}
