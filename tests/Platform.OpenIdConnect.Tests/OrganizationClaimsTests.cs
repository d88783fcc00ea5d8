using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>What a client app learns about the organizations of the people who sign in to it.</summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class OrganizationClaimsTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task An_organizations_own_app_signs_in_only_its_members_and_a_third_party_app_never_sees_the_users_organizations()
    {
        var ada = await setup.UserAsync("Ada");
        var adasOrganization = await OpenIdSetup.OrganizationAsync(ada);
        var bob = await setup.UserAsync("Bob");
        var bobsOrganization = await OpenIdSetup.OrganizationAsync(bob);
        var bobsOwnApp = await OpenIdSetup.ClientAsync(bob, bobsOrganization);
        // Identity knows Ada's ownership by now only if it has been told: wait for it, so an empty claim means filtered, not late.
        await Eventually.TrueAsync(async () => (await ada.Http.GetAsync($"/api/identity/organizations/{adasOrganization}/client-apps")).IsSuccessStatusCode,
            "identity to know Ada's organization");

        // Ada is no member of Bob's organization: its own app (no consent asked) may not sign her in without her knowing.
        var refused = await RelyingParty.RunAsync("consent-not-asked", setup.Settings(bobsOwnApp, ada));
        Assert.False(refused.GetProperty("code").GetBoolean());

        // A third-party app of Bob's asks her; once she allows it, it sees her, but none of her organizations.
        var bobsTool = await OpenIdSetup.ClientAsync(bob, bobsOrganization, new
        {
            @public = false,
            thirdParty = true,
            redirectUris = new[] { OpenIdSetup.RedirectUri },
            grantTypes = new[] { "authorization_code", "refresh_token" },
            scopes = new[] { "openid", "profile", "offline_access", "organizations", "platform" },
        });
        var settings = setup.Settings(bobsTool, ada);
        settings["SCOPE"] = "openid profile offline_access organizations platform";
        var seen = await RelyingParty.RunAsync("consent", settings);

        Assert.True(seen.GetProperty("asked").GetBoolean());
        var token = OpenIdSetup.Payload(seen.GetProperty("accessToken").GetString()!);
        Assert.Equal((await OpenIdSetup.UserIdAsync(ada)).ToString(), token.GetProperty("sub").GetString());
        Assert.Empty(token.GetProperty("organizations").EnumerateArray());
    }

    [Fact]
    public async Task The_organizations_claim_names_the_custom_roles_granted_to_the_member_until_they_are_revoked()
    {
        var ada = await setup.UserAsync("Ada");
        var organization = await OpenIdSetup.OrganizationAsync(ada);
        var app = await OpenIdSetup.ClientAsync(ada, organization);
        var bob = await setup.UserAsync("Bob");
        var bobId = await OpenIdSetup.UserIdAsync(bob);
        await JoinAsync(ada, bob, organization);
        var finances = await RoleAsync(ada, organization, "Finances");
        var grant = await ada.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/members/{bobId}/roles", new { roleId = finances });
        Assert.True(grant.StatusCode == HttpStatusCode.Created, await grant.Content.ReadAsStringAsync());
        var grantId = (await grant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var renamed = await ada.Http.PutAsJsonAsync($"/api/membership/organizations/{organization}/roles/{finances}",
            new { name = "Treasury", description = "Keeps the books", permissions = new[] { "members.read" } });
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());
        await Eventually.TrueAsync(async () => await GrantCopyAsync(grantId) == "Treasury | in force", "identity to learn the grant and the new name");

        var signedIn = await RelyingParty.RunAsync("claims", Settings(app, bob));

        var membership = Assert.Single(signedIn.GetProperty("claims").GetProperty("organizations").EnumerateArray());
        Assert.Equal("member", membership.GetProperty("rank").GetString());
        Assert.Equal(["Treasury"], membership.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var inUserinfo = Assert.Single(signedIn.GetProperty("userinfo").GetProperty("organizations").EnumerateArray());
        Assert.Equal(["Treasury"], inUserinfo.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var revoked = await ada.Http.DeleteAsync($"/api/membership/organizations/{organization}/members/{bobId}/roles/{grantId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await Eventually.TrueAsync(async () => await GrantCopyAsync(grantId) == "Treasury | revoked", "identity to learn the revocation");

        var afterwards = await RelyingParty.RunAsync("claims", Settings(app, bob));
        var without = Assert.Single(afterwards.GetProperty("claims").GetProperty("organizations").EnumerateArray());
        Assert.Empty(without.GetProperty("roles").EnumerateArray());
    }

    private Dictionary<string, string> Settings(RegisteredClient app, GatewayUser user)
    {
        var settings = setup.Settings(app, user);
        settings["SCOPE"] = "openid profile email offline_access organizations platform";
        return settings;
    }

    private async Task JoinAsync(GatewayUser owner, GatewayUser newcomer, Guid organization)
    {
        var invited = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/invitations", new { emails = new[] { newcomer.Email }, rank = "member" });
        Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());
        var link = await new MailDevClient(platform.App.GetEndpoint("smtp", "http")).WaitForLinkAsync(newcomer.Email, "/api/membership/invitations/accept", TimeSpan.FromSeconds(60));
        var accepted = await newcomer.Http.PostAsJsonAsync("/api/membership/invitations/accept", new { token = link.Token });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
    }

    private static async Task<Guid> RoleAsync(GatewayUser owner, Guid organization, string name)
    {
        var role = await owner.Http.PostAsJsonAsync($"/api/membership/organizations/{organization}/roles",
            new { name, description = "Keeps the books", permissions = new[] { "members.read" } });
        Assert.True(role.StatusCode == HttpStatusCode.Created, await role.Content.ReadAsStringAsync());
        return (await role.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Identity's copy of one grant, as "name | in force" or "name | revoked"; null while identity has not heard of it.</summary>
    private async Task<string?> GrantCopyAsync(Guid grantId)
    {
        await using var connection = new NpgsqlConnection(await platform.ConnectionStringAsync("identitydb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT r."Name" || ' | ' || CASE WHEN g."RevokedAt" IS NULL THEN 'in force' ELSE 'revoked' END
            FROM "OrganizationRoleGrants" g JOIN "CustomRoles" r ON r."Id" = g."RoleId" WHERE g."GrantId" = @grant
            """, connection);
        command.Parameters.AddWithValue("grant", grantId);
        return (string?)await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_wrong_password_at_the_login_form_sends_nothing_back_to_the_client()
    {
        var user = await setup.UserAsync("Cleo");
        var client = await OpenIdSetup.ClientAsync(user, await OpenIdSetup.OrganizationAsync(user));

        var seen = await RelyingParty.RunAsync("login-refused", setup.Settings(client, user, withSession: false, password: "not the right passphrase at all"));

        Assert.Equal(400, seen.GetProperty("status").GetInt32());
        Assert.True(seen.GetProperty("stillOnLoginForm").GetBoolean());
        Assert.StartsWith(setup.Issuer, seen.GetProperty("callback").GetString());
    }
}
