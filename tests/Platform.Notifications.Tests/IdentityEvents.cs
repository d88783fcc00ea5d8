using Platform.Contracts.Identity;

namespace Platform.Notifications.Tests;

/// <summary>Identity's events as identity would publish them, each with its own address and token.</summary>
internal static class IdentityEvents
{
    public static string NewAddress(string name = "grace") => $"{name}-{Guid.NewGuid():N}@example.com";

    /// <summary>With characters that must be escaped in a query value.</summary>
    public static string NewToken() => $"t+k/{Guid.NewGuid():N}=";

    public static DateTimeOffset InAnHour => DateTimeOffset.UtcNow.AddHours(1);

    /// <summary>The link identity's page expects: <c>{public base}/api/identity/pages/{page}?token=…</c>.</summary>
    public static string Link(string page, string token) =>
        $"{NotificationsServiceFixture.PublicBaseUrl}/api/identity/pages/{page}?token={Uri.EscapeDataString(token)}";

    public static EmailVerificationRequested VerificationRequested() => new(Guid.NewGuid(), NewAddress(), "Grace", NewToken(), InAnHour);
}
