namespace Platform.Notifications.Tests;

/// <summary>
/// The test classes that need the service as configured by default share one instance of it: each
/// host boots a web app, a bus and a database, which on a small machine costs more than running
/// these short classes one after another. Each test still builds its own data (own addresses,
/// organizations and users), so no test depends on another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedServiceCollection : ICollectionFixture<NotificationsServiceFixture>
{
    public const string Name = "notifications service";
}
