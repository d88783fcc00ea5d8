using Microsoft.EntityFrameworkCore;
using static Platform.Testing.MembershipEventOrders;

namespace Platform.Identity.Tests;

/// <summary>
/// Membership's events about one member reach identity in any order: whatever the order, identity's copy
/// of the membership (active organization, required two-factor) ends as it would in order.
/// </summary>
public sealed class MembershipEventOrderTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Theory]
    [InlineData("reactivated", "Admin | False | False | True")]
    [InlineData("revoked", "Admin | True | True | False")]
    public async Task Granted_promoted_suspended_and_a_last_event_end_the_same_in_all_24_orders(string last, string expected)
    {
        var organizationId = Guid.NewGuid();
        var members = Members("granted", "promoted", "suspended", last);

        await service.DeliverRoundByRoundAsync(Sequences(organizationId, members));

        var copies = (await service.WithDbAsync(db => db.OrganizationMemberships.AsNoTracking().Where(m => m.OrganizationId == organizationId).ToListAsync()))
            .Select(m => (m.UserId, State: $"{m.Rank} | {m.Suspended} | {m.RevokedAt is not null} | {m.IsActive}")).ToList();
        Assert.Equal(24, copies.Count);
        Assert.Equal(expected, copies.Single(c => c.UserId == members[0].UserId).State);
        foreach (var (userId, state) in copies)
            Assert.True(state == expected, $"in the order {string.Join(", ", members.Single(m => m.UserId == userId).Order)}: {state}");
    }
}
