using Microsoft.EntityFrameworkCore;
using static Platform.Testing.MembershipEventOrders;

namespace Platform.Approvals.Tests;

/// <summary>
/// Membership's events about one member reach approvals in any order: whatever the order, the member
/// copy ends as it would in order (rank, scope, suspension), and a revoked member stays revoked.
/// </summary>
public sealed class MemberEventOrderTests(ApprovalsServiceFixture service) : IClassFixture<ApprovalsServiceFixture>
{
    [Fact]
    public async Task Granted_promoted_and_suspended_end_the_same_in_all_6_orders()
    {
        var organizationId = Guid.NewGuid();
        var members = Members("granted", "promoted", "suspended");

        await service.DeliverRoundByRoundAsync(Sequences(organizationId, members));

        var copies = (await service.WithDbAsync(db => db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId).ToListAsync()))
            .Select(m => (m.UserId, State: $"{m.Rank} | {m.ScopeUnitId} | {m.Suspended}")).ToList();
        Assert.Equal(6, copies.Count);
        const string expected = "admin |  | True";
        Assert.Equal(expected, copies.Single(c => c.UserId == members[0].UserId).State);
        foreach (var (userId, state) in copies)
            Assert.True(state == expected, $"in the order {string.Join(", ", members.Single(m => m.UserId == userId).Order)}: {state}");
    }

    [Fact]
    public async Task A_revoked_member_stays_revoked_in_all_24_orders()
    {
        var organizationId = Guid.NewGuid();
        var members = Members("granted", "promoted", "suspended", "revoked");

        await service.DeliverRoundByRoundAsync(Sequences(organizationId, members));

        var left = await service.WithDbAsync(db => db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId).Select(m => m.UserId).ToListAsync());
        Assert.True(left.Count == 0, "still members after: " + string.Join("; ", left.Select(id => string.Join(", ", members.Single(m => m.UserId == id).Order))));
    }
}
