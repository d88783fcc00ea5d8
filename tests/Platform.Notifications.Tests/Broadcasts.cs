using Platform.Contracts.Membership;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>Group messages as membership would publish them, to members each with their own address.</summary>
internal static class Broadcasts
{
    public static List<GroupMessageRecipient> Members(int count) =>
        Enumerable.Range(0, count).Select(i => new GroupMessageRecipient(Guid.NewGuid(), NewAddress($"member{i}"), $"Member {i}")).ToList();

    public static GroupMessagePosted Posted(IReadOnlyList<GroupMessageRecipient> members, string body) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Order group North", Guid.NewGuid(), "Grace Hopper", "Pick-up moves", body, members,
        DateTimeOffset.UtcNow);
}
