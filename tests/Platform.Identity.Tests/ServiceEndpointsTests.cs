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
}
