namespace Platform.Notifications;

/// <summary>Marks this assembly for hosts and tests (WebApplicationFactory&lt;NotificationsApi&gt;).</summary>
public sealed class NotificationsApi;
