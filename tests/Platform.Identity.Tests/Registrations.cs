using System.Net.Http.Json;

namespace Platform.Identity.Tests;

internal static class Registrations
{
    public static string UniqueEmail(string name = "user") => $"{name}-{Guid.NewGuid():N}@example.com";

    public const string Password = "correct horse battery staple";

    public static object Valid(string email) => new
    {
        email,
        password = Password,
        firstName = "Ada",
        lastName = "Lovelace",
    };

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/accounts", body);
}
