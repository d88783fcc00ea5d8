using Microsoft.EntityFrameworkCore;
using static Platform.Testing.MembershipEventOrders;

namespace Platform.Notifications.Tests;

/// <summary>
/// Membership's events about one member reach notifications in any order: whatever the order, the
/// organization-member copy (who administers the organization) ends as it would in order.
/// </summary>
[Collection(SharedServiceCollection.Name)]
public sealed class OrganizationMemberEventOrderTests(NotificationsServiceFixture service)
{
    [Theory]
    [InlineData("reactivated", "True | admin |  | False | True")]
    [InlineData("revoked", "False | admin |  | True | False")]
    public async Task Granted_promoted_suspended_and_a_last_event_end_the_same_in_all_24_orders(string last, string expected)
    {
        var organizationId = Guid.NewGuid();
        var members = Members("granted", "promoted", "suspended", last);

        await EventOrders.DeliverRoundByRoundAsync(service.Bus, Sequences(organizationId, members), ids => service.WithDbAsync(db => EventOrders.HandledAsync(db, ids)));

        var copies = (await service.WithDbAsync(db => db.OrganizationMembers.AsNoTracking().Where(m => m.OrganizationId == organizationId).ToListAsync()))
            .Select(m => (m.UserId, State: $"{m.IsMember} | {m.Rank} | {m.ScopeUnitId} | {m.Suspended} | {m.IsAdministrator}")).ToList();
        Assert.Equal(24, copies.Count);
        Assert.Equal(expected, copies.Single(c => c.UserId == members[0].UserId).State);
        foreach (var (userId, state) in copies)
            Assert.True(state == expected, $"in the order {string.Join(", ", members.Single(m => m.UserId == userId).Order)}: {state}");
    }
}
