using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Tests;

/// <summary>Arranging the administrators' tests: an administrator's client, users made through the API, logins.</summary>
internal static class AdminUsers
{
    public const string Password = "quiet-harbor-lantern-7315";
    public const string OtherPassword = "amber-violin-meadow-2048";

    public static HttpClient AdminClient(this IdentityServiceFixture service, Guid? adminId = null) =>
        service.Host.CreateClientAs(new InternalIdentity(adminId ?? Guid.NewGuid(), PlatformAdmin: true));

    public static string Tag() => $"x{Guid.NewGuid():N}"[..9];

    /// <summary>Creates a user through the API (201 asserted) and returns it.</summary>
    public static async Task<JsonElement> CreateUserAsync(
        this HttpClient admin, string? email = null, string firstName = "Grace", string lastName = "Hopper", string? initialPassword = Password)
    {
        var response = await admin.PostAsJsonAsync("/admin/users", new { email = email ?? Registrations.UniqueEmail("admin-made"), firstName, lastName, initialPassword });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Guid Id(this JsonElement user) => user.GetProperty("id").GetGuid();
    public static string Email(this JsonElement user) => user.GetProperty("email").GetString()!;
    public static string State(this JsonElement user) => user.GetProperty("state").GetString()!;

    public static Task<HttpResponseMessage> LogInAsync(this IdentityServiceFixture service, string email, string password, string? userAgent = null)
    {
        var client = service.Host.CreateClient();
        if (userAgent is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return client.PostAsJsonAsync("/sessions", new { email, password });
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient admin, Guid userId, string action) =>
        await admin.PostAsync($"/admin/users/{userId}/{action}", null);

    public static async Task<JsonElement> GetUserAsync(this HttpClient admin, Guid userId) =>
        await admin.GetFromJsonAsync<JsonElement>($"/admin/users/{userId}");

    public static async Task<int> SessionCountAsync(this IdentityServiceFixture service, Guid userId) =>
        (await service.Host.Services.GetRequiredService<SessionStore>().ListAsync(userId)).Count;

    /// <summary>A ProblemDetails response: status, media type, and the body to look into.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task AssertValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("urn:platform:problem:validation", problem.GetProperty("type").GetString());
        Assert.All(fields, field => Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}"));
    }

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();
}
