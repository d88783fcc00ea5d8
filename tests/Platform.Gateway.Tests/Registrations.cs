namespace Platform.Gateway.Tests;

internal static class Registrations
{
    public static string UniqueEmail(string name = "user") => $"{name}-{Guid.NewGuid():N}@example.com";

    public static object Valid(string email) => new
    {
        email,
        password = "correct horse battery staple",
        firstName = "Ada",
        lastName = "Lovelace",
    };
}
