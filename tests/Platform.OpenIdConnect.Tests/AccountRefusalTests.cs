using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using OtpNet;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>Who may sign in to a client app, and when the platform asks again: the platform's own login rules, through openid-client.</summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class AccountRefusalTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Theory]
    [InlineData("Suspended", null)]
    [InlineData("Locked", "1 hour")]
    public async Task A_suspended_or_locked_account_gets_no_tokens_its_refresh_fails_and_its_access_token_stops(string state, string? lockedFor)
    {
        var user = await setup.UserAsync(state == "Locked" ? "Lou" : "Sue");
        var client = await OpenIdSetup.ClientAsync(user, await OpenIdSetup.OrganizationAsync(user));
        var settings = setup.Settings(client, user);
        settings["SCOPE"] = "openid profile offline_access platform";
        var issued = await RelyingParty.RunAsync("tokens", settings);

        // The account's state as an administrator's suspension or a lockout after failed logins leaves it; the browser keeps its session.
        await using (var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("identitydb")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """UPDATE "Users" SET "State" = @state, "LockedUntil" = now() + @lockedFor::interval WHERE "Id" = @id""", connection);
            command.Parameters.AddWithValue("state", state);
            command.Parameters.AddWithValue("lockedFor", (object?)lockedFor ?? DBNull.Value);
            command.Parameters.AddWithValue("id", await OpenIdSetup.UserIdAsync(user));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the gateway's cached answer about the access token expires
        settings["ACCESS_TOKEN"] = issued.GetProperty("accessToken").GetString()!;
        settings["REFRESH_TOKEN"] = issued.GetProperty("refreshToken").GetString()!;
        var seen = await RelyingParty.RunAsync("after-account-stopped", settings);

        Assert.Equal("invalid_grant", seen.GetProperty("refresh").GetString());
        Assert.Equal("access_denied", seen.GetProperty("authorizeError").GetString());
        Assert.False(seen.GetProperty("code").GetBoolean());
        Assert.Equal(401, seen.GetProperty("apiStatus").GetInt32());
    }

    [Fact]
    public async Task Prompt_login_and_an_exceeded_max_age_show_the_login_form_despite_a_live_session()
    {
        var user = await setup.UserAsync("Max");
        var client = await OpenIdSetup.ClientAsync(user, await OpenIdSetup.OrganizationAsync(user));

        var seen = await RelyingParty.RunAsync("fresh-login", setup.Settings(client, user));

        Assert.False(seen.GetProperty("sso").GetProperty("showedForm").GetBoolean());
        Assert.True(seen.GetProperty("promptLogin").GetProperty("showedForm").GetBoolean());
        Assert.True(seen.GetProperty("maxAge").GetProperty("showedForm").GetBoolean());
        Assert.False(seen.GetProperty("recentEnough").GetProperty("showedForm").GetBoolean());
        var authTimes = new[] { "sso", "promptLogin", "maxAge" }.Select(step => seen.GetProperty(step).GetProperty("authTime").GetInt64()).ToList();
        Assert.True(authTimes[0] < authTimes[1] && authTimes[1] < authTimes[2], $"each fresh login is a new auth_time: {string.Join(", ", authTimes)}");
        Assert.Equal(authTimes[2], seen.GetProperty("recentEnough").GetProperty("authTime").GetInt64());
    }

    [Fact]
    public async Task An_account_with_an_authenticator_signs_in_with_password_and_code_and_the_tokens_say_so()
    {
        var user = await setup.UserAsync("Otto");
        var client = await OpenIdSetup.ClientAsync(user, await OpenIdSetup.OrganizationAsync(user));
        var enrolment = await user.Http.PostAsJsonAsync("/api/identity/account/two-factor", new { password = GatewayUser.Password });
        var totp = new Totp(Base32Encoding.ToBytes((await enrolment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!));
        var confirmed = await user.Http.PostAsJsonAsync("/api/identity/account/two-factor/confirm", new { code = totp.ComputeTotp(DateTime.UtcNow) });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        var settings = setup.Settings(client, user, withSession: false);
        settings["TOTP_CODE"] = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)); // the next step: the enrolment used the current one

        var seen = await RelyingParty.RunAsync("two-factor", settings);

        Assert.True(seen.GetProperty("codeFormShown").GetBoolean());
        var claims = seen.GetProperty("claims");
        Assert.Equal((await OpenIdSetup.UserIdAsync(user)).ToString(), claims.GetProperty("sub").GetString());
        Assert.Contains("otp", claims.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("mfa", claims.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task A_confidential_client_authenticates_with_client_secret_basic_and_a_wrong_secret_is_refused()
    {
        var user = await setup.UserAsync("Basil");
        var client = await OpenIdSetup.ClientAsync(user, await OpenIdSetup.OrganizationAsync(user));

        var seen = await RelyingParty.RunAsync("client-secret-basic", setup.Settings(client, user));

        Assert.Equal(client.Id, OpenIdSetup.Payload(seen.GetProperty("accessToken").GetString()!).GetProperty("sub").GetString());
        Assert.Equal("invalid_client", seen.GetProperty("refused").GetString());
        // The gateway accepts the client's token as the client app, which holds no permission keys: deny by default.
        Assert.Equal(403, seen.GetProperty("apiStatus").GetInt32());
    }
}
