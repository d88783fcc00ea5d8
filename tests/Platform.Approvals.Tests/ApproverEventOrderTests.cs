using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;

namespace Platform.Approvals.Tests;

/// <summary>
/// Identity's events about one account reach approvals in any order: whatever the order, the copy ends
/// as it would in order, field by field, and a deleted account stays deleted.
/// </summary>
public sealed class ApproverEventOrderTests(ApprovalsServiceFixture service) : IClassFixture<ApprovalsServiceFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Registered_moved_renamed_and_suspended_end_the_same_in_all_24_orders()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var accounts = EventOrders.Permutations(["registered", "moved", "renamed", "suspended"]).Select(order => (Id: Guid.NewGuid(), Order: order)).ToList();
        object Event(Guid id, string name) => name switch
        {
            "registered" => new UserRegistered(id, $"ada-{run}@example.com", "Ada", "Byron", T0),
            "moved" => new EmailChanged(id, $"ada-{run}@example.com", $"ada.l-{run}@example.com", T0.AddMinutes(1)),
            "renamed" => new UserProfileChanged(id, "Ada", "Lovelace", T0.AddMinutes(2)),
            _ => new UserStateChanged(id, "active", "suspended", "admin", null, T0.AddMinutes(3)),
        };

        await service.DeliverRoundByRoundAsync(accounts.Select(a => (IReadOnlyList<object>)a.Order.Select(e => Event(a.Id, e)).ToList()).ToList());

        var ids = accounts.Select(a => a.Id).ToList();
        var copies = await service.WithDbAsync(db => db.Approvers.AsNoTracking().Where(a => ids.Contains(a.UserId))
            .Select(a => new { a.UserId, a.Email, a.FirstName, a.DisplayName, a.AccountState, a.KnownSince }).ToListAsync());
        Assert.Equal(24, copies.Count);
        var inOrder = copies.Single(c => c.UserId == accounts[0].Id);
        Assert.Equal(($"ada.l-{run}@example.com", "Ada", "Ada Lovelace", "suspended", T0),
            (inOrder.Email, inOrder.FirstName, inOrder.DisplayName, inOrder.AccountState, inOrder.KnownSince));
        foreach (var copy in copies)
        {
            var order = string.Join(", ", accounts.Single(a => a.Id == copy.UserId).Order);
            Assert.True(Equals(copy with { UserId = inOrder.UserId }, inOrder), $"in the order {order}: {copy}");
        }
    }

    [Fact]
    public async Task A_deleted_account_stays_deleted_and_anonymized_in_all_24_orders()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var accounts = EventOrders.Permutations(["registered", "moved", "renamed", "deleted"]).Select(order => (Id: Guid.NewGuid(), Order: order)).ToList();
        object Event(Guid id, string name) => name switch
        {
            "registered" => new UserRegistered(id, $"bob-{run}@example.com", "Bob", "Stone", T0),
            "moved" => new EmailChanged(id, $"bob-{run}@example.com", $"bob.s-{run}@example.com", T0.AddMinutes(1)),
            "renamed" => new UserProfileChanged(id, "Robert", "Stone", T0.AddMinutes(2)),
            _ => new UserDeleted(id, T0.AddMinutes(3)),
        };

        await service.DeliverRoundByRoundAsync(accounts.Select(a => (IReadOnlyList<object>)a.Order.Select(e => Event(a.Id, e)).ToList()).ToList());

        var ids = accounts.Select(a => a.Id).ToList();
        var copies = await service.WithDbAsync(db => db.Approvers.AsNoTracking().Where(a => ids.Contains(a.UserId)).ToListAsync());
        Assert.Equal(24, copies.Count);
        foreach (var copy in copies)
        {
            var order = string.Join(", ", accounts.Single(a => a.Id == copy.UserId).Order);
            Assert.True((copy.Email, copy.FirstName, copy.DisplayName, copy.AccountState) == ($"deleted-{copy.UserId:N}@deleted.invalid", "", "", "deleted"),
                $"in the order {order}: {copy.Email} {copy.FirstName} {copy.DisplayName} {copy.AccountState}");
        }
    }
}
