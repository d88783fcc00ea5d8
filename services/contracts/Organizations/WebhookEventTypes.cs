using Platform.Contracts.Membership;

namespace Platform.Contracts.Organizations;

/// <summary>The names under which organization events are offered to webhooks (<c>group.message-posted</c>).</summary>
public static class WebhookEventTypes
{
    public const string GroupMessagePosted = "group.message-posted";

    public static readonly IReadOnlyDictionary<Type, string> ByContract = new Dictionary<Type, string>
    {
        [typeof(GroupMessagePosted)] = GroupMessagePosted,
    };
}
