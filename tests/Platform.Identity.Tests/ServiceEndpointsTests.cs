using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Tests;

public sealed class ServiceEndpointsTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task Health_is_ready_with_database_broker_and_redis_checked()
    {
        var report = await Eventually.GetValueAsync(async () =>
        {
            var response = await service.Host.CreateClient().GetAsync("/health");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
        }, "identity to report healthy");

        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("identitydb").GetString());
        Assert.Equal("Healthy", checks.GetProperty("redis").GetString());
        Assert.Contains(checks.EnumerateObject(), check => check.Name.StartsWith("masstransit", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await service.Host.CreateClient().GetAsync("/alive")).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_endpoints()
    {
        var document = await service.Host.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/accounts", out _));
        Assert.True(paths.TryGetProperty("/account", out _));
    }

    [Fact]
    public async Task My_account_needs_the_gateway_token_and_nothing_else_will_do()
    {
        var email = Registrations.UniqueEmail();
        await service.Host.CreateClient().RegisterAsync(Registrations.Valid(email));
        var userId = await service.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var identity = new InternalIdentity(userId);

        var anonymous = await service.Host.CreateClient().GetAsync("/account");
        var spoofed = service.Host.CreateClient();
        spoofed.DefaultRequestHeaders.Add("X-User-Id", userId.ToString());
        spoofed.DefaultRequestHeaders.Add("X-Forwarded-User", email);
        var forged = service.Host.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.ForgedTokenFor(identity));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await spoofed.GetAsync("/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/account")).StatusCode);

        var mine = await service.Host.CreateClientAs(identity).GetFromJsonAsync<JsonElement>("/account");
        Assert.Equal(email, mine.GetProperty("email").GetString());
        Assert.Equal("pending", mine.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_token_accepted_once_does_not_vouch_for_another_signature_on_the_same_claims()
    {
        var email = Registrations.UniqueEmail();
        await service.Host.CreateClient().RegisterAsync(Registrations.Valid(email));
        var identity = new InternalIdentity(await service.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync()));
        var genuine = TestKeys.TokenFor(identity);
        var parts = genuine.Split('.');
        // The same header and payload, with the forger's signature, and with the genuine signature's bytes changed.
        var forgedParts = TestKeys.ForgedTokenFor(identity).Split('.');
        var signature = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[^1] ^= 0x01;
        string[] impostors = [$"{parts[0]}.{parts[1]}.{forgedParts[2]}", $"{parts[0]}.{parts[1]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(signature)}"];

        async Task<HttpStatusCode> CallAsync(string token)
        {
            var client = service.Host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return (await client.GetAsync("/account")).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CallAsync(genuine));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(genuine)); // the second time from the service's memory of it
        foreach (var impostor in impostors)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(impostor));
        }
    }
}
