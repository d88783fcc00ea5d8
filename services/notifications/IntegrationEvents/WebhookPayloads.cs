using System.Text.Json;
using Platform.Contracts.Membership;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>
/// The body of a webhook: <c>{ "type": "group.message-posted", "timestamp": "…Z", "data": { …event… } }</c>,
/// camelCase like the APIs. The data is the event as published, minus what a client app must not get
/// in bulk: a group message names its recipients only by their number, not with their addresses.
/// </summary>
public static class WebhookPayloads
{
    /// <summary>What an administrator's test sends: <c>data</c> names the endpoint and organization, nothing else.</summary>
    public const string TestEventType = "webhook.test";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(string eventType, DateTimeOffset timestamp, object message) =>
        JsonSerializer.Serialize(new { type = eventType, timestamp = timestamp.UtcDateTime, data = DataOf(message) }, Json);

    private static object DataOf(object message) => message switch
    {
        GroupMessagePosted posted => new
        {
            posted.PostId, posted.OrganizationId, posted.GroupId, posted.GroupName, posted.AuthorId, posted.AuthorName,
            posted.Subject, posted.Body, RecipientCount = posted.Recipients.Count, posted.PostedAt,
        },
        _ => message,
    };
}
