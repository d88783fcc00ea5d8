using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.OpenIdConnect.Tests;

/// <summary>
/// The provider's access tokens as bearer tokens at the gateway, beside <c>plt_</c> tokens: a relying party calls the
/// platform's API with what openid-client got; tokens the provider did not make, or made for something else, are 401.
/// </summary>
[Collection(OpenIdPlatformCollection.Name)]
public sealed class GatewayAccessTokenTests(OpenIdPlatform platform)
{
    private readonly OpenIdSetup setup = new(platform);

    [Fact]
    public async Task A_relying_party_calls_the_api_with_its_access_token_and_only_genuine_live_tokens_for_the_api_pass()
    {
        var owner = await setup.UserAsync("Ines");
        var client = await OpenIdSetup.ClientAsync(owner, await OpenIdSetup.OrganizationAsync(owner));
        var settings = setup.Settings(client, owner);
        settings["SCOPE"] = "openid profile email offline_access platform";

        var seen = await RelyingParty.RunAsync("api-call", settings);

        Assert.Equal(200, seen.GetProperty("account").GetProperty("status").GetInt32());
        Assert.Equal(owner.Email, JsonDocument.Parse(seen.GetProperty("account").GetProperty("body").GetString()!).RootElement.GetProperty("email").GetString());
        Assert.Equal(200, seen.GetProperty("beforeRevocation").GetProperty("status").GetInt32());
        Assert.Equal(401, seen.GetProperty("afterRevocation").GetProperty("status").GetInt32());
        Assert.Equal(401, seen.GetProperty("narrow").GetProperty("status").GetInt32());

        var accessToken = seen.GetProperty("accessToken").GetString()!;
        Assert.Equal(OpenIdPlatform.CurrentKey.KeyId, new JsonWebToken(accessToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(accessToken));
        // The key rollover: both keys are published, and a token the previous key signed (before it became second) still validates.
        using (var http = new HttpClient { BaseAddress = setup.Gateway })
        {
            var published = (await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks")).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString());
            Assert.Equal(new[] { OpenIdPlatform.CurrentKey.KeyId, OpenIdPlatform.PreviousKey.KeyId }.Order(), published.Order());
        }

        Assert.Equal(HttpStatusCode.OK, await CallAsync(Resign(accessToken, OpenIdPlatform.PreviousKey)));

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Resign(accessToken, OpenIdPlatform.NewKey())));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(accessToken[..^4] + (accessToken[^4..] == "AAAA" ? "BBBB" : "AAAA")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Resign(accessToken, OpenIdPlatform.CurrentKey, payload =>
        {
            payload["iat"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
            payload["nbf"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
            payload["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
        })));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Resign(accessToken, OpenIdPlatform.CurrentKey, payload => payload["aud"] = "another-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(Resign(accessToken, OpenIdPlatform.CurrentKey, payload => payload["iss"] = "https://issuer.example/")));
        // An ID token is for the client, not the API (its audience is the client, its type JWT).
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(seen.GetProperty("idToken").GetString()!));
    }

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        using var http = new HttpClient { BaseAddress = setup.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.SendAsync(request)).StatusCode;
    }

    /// <summary>The token's payload, changed by <paramref name="change"/>, signed with <paramref name="key"/> as the provider signs (ES256, at+jwt).</summary>
    private static string Resign(string token, ECDsaSecurityKey key, Action<JsonObject>? change = null)
    {
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();
        change?.Invoke(payload);
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
            new Dictionary<string, object> { ["typ"] = "at+jwt" });
    }
}
