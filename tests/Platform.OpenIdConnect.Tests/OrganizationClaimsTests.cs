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
