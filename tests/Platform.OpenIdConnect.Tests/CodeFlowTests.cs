using Npgsql;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>
/// openid-client, the certified relying-party library, against the platform started as the README's run command
/// starts it, everything through the gateway: discovery, the code flow with PKCE with the real login form, tokens,
/// userinfo, refresh, revocation, end-session.
/// </summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class CodeFlowTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task A_relying_party_signs_a_user_in_reads_userinfo_refreshes_revokes_and_ends_the_platform_session()
    {
        var owner = await setup.UserAsync("Ada");
        var organization = await OpenIdSetup.OrganizationAsync(owner);
        var client = await OpenIdSetup.ClientAsync(owner, organization);
        var settings = setup.Settings(client, owner, withSession: false);
        settings["SCOPE"] = "openid profile email offline_access organizations platform";

        var seen = await RelyingParty.RunAsync("sign-in", settings);

        Assert.Equal(setup.Issuer, seen.GetProperty("issuer").GetString()!.TrimEnd('/'));
        var claims = seen.GetProperty("claims");
        Assert.Equal((await OpenIdSetup.UserIdAsync(owner)).ToString(), claims.GetProperty("sub").GetString());
        Assert.Equal(owner.Email, claims.GetProperty("email").GetString());
        Assert.True(claims.GetProperty("email_verified").GetBoolean());
        Assert.Equal("Ada Tester", claims.GetProperty("name").GetString());
        Assert.Equal("en", claims.GetProperty("locale").GetString());
        Assert.Equal(["pwd"], claims.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        var membership = Assert.Single(claims.GetProperty("organizations").EnumerateArray());
        Assert.Equal(organization, membership.GetProperty("id").GetGuid());
        Assert.Equal("owner", membership.GetProperty("rank").GetString());

        var userinfo = seen.GetProperty("userinfo");
        Assert.Equal(owner.Email, userinfo.GetProperty("email").GetString());
        Assert.Equal("en", userinfo.GetProperty("locale").GetString());
        Assert.Equal(organization, Assert.Single(userinfo.GetProperty("organizations").EnumerateArray()).GetProperty("id").GetGuid());

        var accessToken = OpenIdSetup.Payload(seen.GetProperty("accessToken").GetString()!);
        Assert.Equal("platform-api", accessToken.GetProperty("aud").GetString());
        Assert.Equal(client.Id, accessToken.GetProperty("client_id").GetString());

        Assert.True(seen.GetProperty("ssoWithoutForm").GetBoolean(), "a second authorization reuses the platform session");
        Assert.True(seen.GetProperty("refreshRotated").GetBoolean(), "a refresh returns a new refresh token");
        Assert.Equal("invalid_grant", seen.GetProperty("revokedRefresh").GetString());
        Assert.StartsWith($"{OpenIdSetup.PostLogoutRedirectUri}?state=bye", seen.GetProperty("endSessionRedirect").GetString());
        Assert.Equal("login_required", seen.GetProperty("afterLogoutError").GetString());

        // Identity's audit trail has the sign-in, each grant and the revocation; the ClientAuthorized event is in its outbox.
        var userId = claims.GetProperty("sub").GetString();
        Assert.Equal(2, await CountAsync("""SELECT count(*) FROM "AuditEntries" WHERE "Action" = 'openid.authorized' AND "TargetUserId" = @user::uuid""", userId));
        Assert.Equal(2, await CountAsync("""SELECT count(*) FROM "AuditEntries" WHERE "Action" = 'openid.token-issued' AND "TargetUserId" = @user::uuid""", userId));
        Assert.Equal(1, await CountAsync("""SELECT count(*) FROM "AuditEntries" WHERE "Action" = 'openid.token-revoked' AND "TargetUserId" = @user::uuid""", userId));
        Assert.Equal(2, await CountAsync("""SELECT count(*) FROM "OutboxMessages" WHERE "MessageType" LIKE '%ClientAuthorized%' AND "Body"::text LIKE '%' || @user || '%'""", userId));
    }

    private async Task<long> CountAsync(string sql, string? user)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("identitydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("user", user!);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_unregistered_redirect_address_gets_an_error_page_and_no_redirect()
    {
        var (user, client) = await UserWithClientAsync();

        var seen = await RelyingParty.RunAsync("wrong-redirect-uri", setup.Settings(client, user));

        Assert.Equal(400, seen.GetProperty("status").GetInt32());
        Assert.StartsWith(setup.Issuer + "/connect/authorize", seen.GetProperty("location").GetString());
        Assert.Contains("redirect_uri", seen.GetProperty("body").GetString());
    }

    [Fact]
    public async Task An_authorization_request_without_PKCE_is_refused()
    {
        var (user, client) = await UserWithClientAsync();

        var seen = await RelyingParty.RunAsync("missing-pkce", setup.Settings(client, user));

        // OpenIddict checks PKCE before the redirect address, so it answers with its error page rather than redirecting.
        Assert.DoesNotContain("code=", seen.GetProperty("location").GetString());
        Assert.True(seen.GetProperty("error").GetString() == "invalid_request" || seen.GetProperty("body").GetString()!.Contains("code_challenge"),
            seen.GetProperty("body").GetString());
    }

    [Fact]
    public async Task A_code_with_the_wrong_PKCE_verifier_is_refused()
    {
        var (user, client) = await UserWithClientAsync();

        var seen = await RelyingParty.RunAsync("wrong-pkce-verifier", setup.Settings(client, user));

        Assert.Equal("invalid_grant", seen.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_code_used_twice_is_refused_and_the_tokens_issued_from_it_are_revoked()
    {
        var (user, client) = await UserWithClientAsync();

        var seen = await RelyingParty.RunAsync("code-reuse", setup.Settings(client, user));

        Assert.True(seen.GetProperty("activeBefore").GetBoolean());
        Assert.Equal("invalid_grant", seen.GetProperty("second").GetString());
        Assert.False(seen.GetProperty("accessTokenActive").GetBoolean());
        Assert.False(seen.GetProperty("refreshTokenActive").GetBoolean());
        Assert.Equal(1, await CountAsync("""
            SELECT count(*) FROM "AuditEntries" WHERE "Action" = 'openid.token-reused' AND "TargetUserId" = @user::uuid AND "Detail" LIKE '%redeemed authorization code%'
            """, (await OpenIdSetup.UserIdAsync(user)).ToString()));
    }

    [Fact]
    public async Task A_refresh_token_used_twice_revokes_its_whole_family()
    {
        var (user, client) = await UserWithClientAsync();

        var seen = await RelyingParty.RunAsync("refresh-reuse", setup.Settings(client, user));

        Assert.Equal("invalid_grant", seen.GetProperty("reuse").GetString());
        Assert.Equal("invalid_grant", seen.GetProperty("successor").GetString());
        Assert.False(seen.GetProperty("successorAccessTokenActive").GetBoolean());
        // The reuse is in the user's audit trail, once: the successor refused after it is no second reuse.
        Assert.Equal(1, await CountAsync("""
            SELECT count(*) FROM "AuditEntries" WHERE "Action" = 'openid.token-reused' AND "TargetUserId" = @user::uuid AND "Detail" LIKE '%redeemed refresh token%'
            """, (await OpenIdSetup.UserIdAsync(user)).ToString()));
    }

    [Fact]
    public async Task The_relying_party_checks_state_and_nonce_against_what_the_platform_returns()
    {
        var (user, client) = await UserWithClientAsync();

        var state = await RelyingParty.RunAsync("state-checked-by-the-relying-party", setup.Settings(client, user));
        var nonce = await RelyingParty.RunAsync("nonce-checked-by-the-relying-party", setup.Settings(client, user));

        Assert.NotNull(state.GetProperty("error").GetString());
        Assert.NotNull(nonce.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_service_gets_an_access_token_for_the_platform_api_with_client_credentials()
    {
        var (user, client) = await UserWithClientAsync();

        var seen = await RelyingParty.RunAsync("client-credentials", setup.Settings(client, user));

        var token = OpenIdSetup.Payload(seen.GetProperty("accessToken").GetString()!);
        Assert.Equal(client.Id, token.GetProperty("sub").GetString());
        Assert.Equal("platform-api", token.GetProperty("aud").GetString());
        Assert.Equal(setup.Issuer + "/", token.GetProperty("iss").GetString());
    }

    // One user and client app for the refusal tests (each flow gets its own codes and tokens): every sign-up logs in,
    // and the gateway allows ten logins a minute from one address.
    private static Task<(GatewayUser User, RegisteredClient Client)>? shared;

    private Task<(GatewayUser User, RegisteredClient Client)> UserWithClientAsync() => shared ??= CreateAsync(setup);

    private static async Task<(GatewayUser User, RegisteredClient Client)> CreateAsync(OpenIdSetup setup)
    {
        var owner = await setup.UserAsync("Grace");
        return (owner, await OpenIdSetup.ClientAsync(owner, await OpenIdSetup.OrganizationAsync(owner)));
    }
}
