using Platform.EndToEnd.Tests;

namespace Platform.OpenIdConnect.Tests;

/// <summary>What a client app learns about the organizations of the people who sign in to it.</summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class OrganizationClaimsTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task A_client_app_of_another_organization_never_sees_the_users_own_organization()
    {
        var ada = await setup.UserAsync("Ada");
        var adasOrganization = await OpenIdSetup.OrganizationAsync(ada);
        var bob = await setup.UserAsync("Bob");
        var bobsClient = await OpenIdSetup.ClientAsync(bob, await OpenIdSetup.OrganizationAsync(bob));
        // Identity knows Ada's ownership by now only if it has been told: wait for it, so an empty claim means filtered, not late.
        await Eventually.TrueAsync(async () => (await ada.Http.GetAsync($"/api/identity/organizations/{adasOrganization}/client-apps")).IsSuccessStatusCode,
            "identity to know Ada's organization");

        var seen = await RelyingParty.RunAsync("claims", setup.Settings(bobsClient, ada));

        Assert.Equal(ada.Email, seen.GetProperty("claims").GetProperty("email").GetString());
        Assert.Empty(seen.GetProperty("claims").GetProperty("organizations").EnumerateArray());
        Assert.Empty(seen.GetProperty("userinfo").GetProperty("organizations").EnumerateArray());
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
