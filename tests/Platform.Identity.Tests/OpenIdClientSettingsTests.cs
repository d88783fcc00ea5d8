using Platform.Identity.Model;

namespace Platform.Identity.Tests;

public sealed class OpenIdClientSettingsTests
{
    private static readonly string[] Known = ["openid", "profile", "email", "offline_access", "organizations", "platform"];

    private static (OpenIdClientSettings? Settings, Dictionary<string, string[]> Errors) Create(
        bool? isPublic = false, string?[]? redirects = null, string?[]? grants = null, string?[]? scopes = null)
    {
        var errors = new Dictionary<string, string[]>();
        var settings = OpenIdClientSettings.TryCreate(isPublic, redirects ?? ["https://app.example/callback"], [],
            grants ?? ["authorization_code", "refresh_token"], scopes ?? ["openid", "offline_access"], Known, errors);
        return (settings, errors);
    }

    [Fact]
    public void A_confidential_web_app_with_an_https_redirect_is_accepted()
    {
        var (settings, errors) = Create();

        Assert.Empty(errors);
        Assert.Equal(["https://app.example/callback"], settings!.RedirectUris);
    }

    [Fact]
    public void A_client_is_the_organizations_own_unless_registered_as_third_party()
    {
        var errors = new Dictionary<string, string[]>();
        var thirdParty = OpenIdClientSettings.TryCreate(false, ["https://tool.example/callback"], [], ["authorization_code"], ["openid"], Known, errors,
            thirdParty: true);

        Assert.False(Create().Settings!.ThirdParty);
        Assert.True(thirdParty!.ThirdParty);
    }

    [Theory]
    [InlineData("http://app.example/callback")]
    [InlineData("https://app.example/callback#fragment")]
    [InlineData("/relative/callback")]
    [InlineData("https://user:pass@app.example/callback")]
    public void Redirect_addresses_must_be_absolute_https_without_fragment(string redirect)
    {
        var (settings, errors) = Create(redirects: [redirect]);

        Assert.Null(settings);
        Assert.Contains("redirectUris", errors.Keys);
    }

    [Fact]
    public void Plain_http_is_accepted_on_the_loopback_interface_only()
    {
        Assert.Empty(Create(redirects: ["http://127.0.0.1:5000/signin-oidc"]).Errors);
        Assert.Empty(Create(redirects: ["http://localhost:5000/signin-oidc"]).Errors);
    }

    [Fact]
    public void A_public_client_cannot_use_client_credentials()
    {
        var (settings, errors) = Create(isPublic: true, grants: ["authorization_code", "client_credentials"]);

        Assert.Null(settings);
        Assert.Contains("grantTypes", errors.Keys);
    }

    [Fact]
    public void Unknown_scopes_and_offline_access_without_refresh_tokens_are_refused()
    {
        Assert.Contains("scopes", Create(scopes: ["openid", "admin"]).Errors.Keys);
        Assert.Contains("scopes", Create(grants: ["authorization_code"], scopes: ["openid", "offline_access"]).Errors.Keys);
    }

    [Fact]
    public void The_code_flow_needs_a_redirect_address()
    {
        Assert.Contains("redirectUris", Create(redirects: []).Errors.Keys);
    }

    [Fact]
    public void The_apps_own_permissions_are_permission_keys_for_the_client_credentials_grant()
    {
        static (OpenIdClientSettings? Settings, Dictionary<string, string[]> Errors) WithPermissions(string?[] grants, string?[] permissions)
        {
            var errors = new Dictionary<string, string[]>();
            return (OpenIdClientSettings.TryCreate(false, ["https://app.example/callback"], [], grants, ["openid"], Known, errors,
                serviceAccountPermissions: permissions), errors);
        }

        var (settings, errors) = WithPermissions(["authorization_code", "client_credentials"], ["approvals.request", " approvals.request", null]);
        Assert.Empty(errors);
        Assert.Equal(["approvals.request"], settings!.ServiceAccountPermissions);
        Assert.Empty(Create().Settings!.ServiceAccountPermissions);

        Assert.Contains("serviceAccountPermissions", WithPermissions(["authorization_code"], ["approvals.request"]).Errors.Keys);
        Assert.Contains("serviceAccountPermissions", WithPermissions(["client_credentials"], ["Approvals Request"]).Errors.Keys);
        Assert.Contains("serviceAccountPermissions", WithPermissions(["client_credentials"],
            Enumerable.Range(0, 51).Select(i => (string?)$"key.number{i}").ToArray()).Errors.Keys);
    }
}
