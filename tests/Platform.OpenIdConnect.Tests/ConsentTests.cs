using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Platform.OpenIdConnect.Tests;

/// <summary>Third-party client apps ask each user once; the user sees and withdraws that permission in their account.</summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class ConsentTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task A_third_party_client_asks_once_and_withdrawing_the_permission_stops_its_tokens_and_asks_again()
    {
        var user = await setup.UserAsync("Connie");
        var client = await OpenIdSetup.ClientAsync(user, await OpenIdSetup.OrganizationAsync(user), new
        {
            @public = false,
            thirdParty = true,
            redirectUris = new[] { OpenIdSetup.RedirectUri },
            grantTypes = new[] { "authorization_code", "refresh_token" },
            scopes = new[] { "openid", "profile", "offline_access", "platform" },
        });
        var settings = setup.Settings(client, user);
        settings["SCOPE"] = "openid profile offline_access platform";

        var seen = await RelyingParty.RunAsync("consent", settings);

        Assert.True(seen.GetProperty("asked").GetBoolean(), "the first authorization asks");
        Assert.Equal("Allow Dispatch board?", seen.GetProperty("title").GetString());
        Assert.False(seen.GetProperty("askedAgain").GetBoolean(), "the answer is remembered");
        Assert.True(seen.GetProperty("codeAgain").GetBoolean());
        Assert.True(seen.GetProperty("askedWithPromptConsent").GetBoolean(), "prompt=consent asks again");
        Assert.True(seen.GetProperty("codeAfterReconfirming").GetBoolean());

        var listed = Assert.Single((await user.Http.GetFromJsonAsync<JsonElement>("/api/identity/account/authorizations")).EnumerateArray());
        Assert.Equal(client.Id, listed.GetProperty("clientId").GetString());
        Assert.Equal("Dispatch board", listed.GetProperty("clientName").GetString());
        Assert.Contains("platform", listed.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var other = await setup.UserAsync("Olga");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.DeleteAsync($"/api/identity/account/authorizations/{listed.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Http.DeleteAsync($"/api/identity/account/authorizations/{listed.GetProperty("id").GetString()}")).StatusCode);
        Assert.Empty((await user.Http.GetFromJsonAsync<JsonElement>("/api/identity/account/authorizations")).EnumerateArray());

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the gateway's cached answer about the access token expires
        settings["ACCESS_TOKEN"] = seen.GetProperty("accessToken").GetString()!;
        settings["REFRESH_TOKEN"] = seen.GetProperty("refreshToken").GetString()!;
        var after = await RelyingParty.RunAsync("consent-withdrawn", settings);

        Assert.Equal("invalid_grant", after.GetProperty("refresh").GetString());
        Assert.Equal(401, after.GetProperty("apiStatus").GetInt32());
        Assert.True(after.GetProperty("asked").GetBoolean(), "asked again after the withdrawal");
        Assert.Equal("access_denied", after.GetProperty("deniedError").GetString());

        var userId = (await OpenIdSetup.UserIdAsync(user)).ToString();
        Assert.Equal(2L, await AuditCountAsync("openid.consent-granted", userId)); // the first answer, and the one prompt=consent asked for
        foreach (var action in new[] { "openid.consent-revoked", "openid.consent-denied" })
        {
            Assert.Equal(1L, await AuditCountAsync(action, userId));
        }
    }

    [Fact]
    public async Task The_organizations_own_client_app_does_not_ask()
    {
        var user = await setup.UserAsync("Fiona");
        var client = await OpenIdSetup.ClientAsync(user, await OpenIdSetup.OrganizationAsync(user));

        var seen = await RelyingParty.RunAsync("consent-not-asked", setup.Settings(client, user));

        Assert.False(seen.GetProperty("asked").GetBoolean());
        Assert.True(seen.GetProperty("code").GetBoolean());
        Assert.Empty((await user.Http.GetFromJsonAsync<JsonElement>("/api/identity/account/authorizations")).EnumerateArray());
    }

    private async Task<long> AuditCountAsync(string action, string userId)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("identitydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "AuditEntries" WHERE "Action" = @action AND "TargetUserId" = @user::uuid""", connection);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("user", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
