using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Approvals;
using Platform.Contracts.Identity;
using static Platform.Notifications.Tests.IdentityEvents;

namespace Platform.Notifications.Tests;

/// <summary>
/// Identity's events about one account reach notifications in any order: whatever the order, the
/// directory ends as it would in order, field by field, and a deleted account stays deleted. A new
/// name reaches the emails that name the person.
/// </summary>
[Collection(SharedServiceCollection.Name)]
public sealed class DirectoryEventOrderTests(NotificationsServiceFixture service)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Registered_moved_renamed_and_moved_again_end_the_same_in_all_24_orders()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var (first, second, third) = ($"grace-{run}@example.com", $"grace.h-{run}@example.com", $"gh-{run}@example.com");
        var accounts = EventOrders.Permutations(["registered", "moved", "renamed", "moved again"]).Select(order => (Id: Guid.NewGuid(), Order: order)).ToList();
        object Event(Guid id, string name) => name switch
        {
            "registered" => new UserRegistered(id, first, "Grace", "Murray", T0, "de"),
            "moved" => new EmailChanged(id, first, second, T0.AddMinutes(1)),
            "renamed" => new UserProfileChanged(id, "Gracie", "Hopper", T0.AddMinutes(2), "fr"),
            _ => new EmailChanged(id, second, third, T0.AddMinutes(3)),
        };

        await DeliverAsync(accounts.Select(a => (IReadOnlyList<object>)a.Order.Select(e => Event(a.Id, e)).ToList()).ToList());

        var ids = accounts.Select(a => a.Id).ToList();
        var entries = (await service.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().Where(u => ids.Contains(u.UserId)).ToListAsync()))
            .Select(u => (u.UserId, State: $"{u.Email} | {string.Join(",", u.PastEmails.Order())} | {u.FirstName} | {u.Locale} | {u.Deleted}")).ToList();
        Assert.Equal(24, entries.Count);
        var inOrder = entries.Single(e => e.UserId == accounts[0].Id).State;
        Assert.Equal($"{third} | {string.Join(",", new[] { first, second }.Order())} | Gracie | fr | False", inOrder);
        foreach (var (userId, state) in entries)
            Assert.True(state == inOrder, $"in the order {string.Join(", ", accounts.Single(a => a.Id == userId).Order)}: {state}");
    }

    [Fact]
    public async Task A_deleted_account_stays_deleted_and_anonymized_in_all_24_orders()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var accounts = EventOrders.Permutations(["registered", "moved", "renamed", "deleted"]).Select(order => (Id: Guid.NewGuid(), Order: order)).ToList();
        object Event(Guid id, string name) => name switch
        {
            "registered" => new UserRegistered(id, $"bob-{run}@example.com", "Bob", "Stone", T0, "de"),
            "moved" => new EmailChanged(id, $"bob-{run}@example.com", $"bob.s-{run}@example.com", T0.AddMinutes(1)),
            "renamed" => new UserProfileChanged(id, "Robert", "Stone", T0.AddMinutes(2), "fr"),
            _ => new UserDeleted(id, T0.AddMinutes(3)),
        };

        await DeliverAsync(accounts.Select(a => (IReadOnlyList<object>)a.Order.Select(e => Event(a.Id, e)).ToList()).ToList());

        var ids = accounts.Select(a => a.Id).ToList();
        var entries = await service.WithDbAsync(db => db.DirectoryUsers.AsNoTracking().Where(u => ids.Contains(u.UserId)).ToListAsync());
        Assert.Equal(24, entries.Count);
        foreach (var entry in entries)
        {
            var state = $"{entry.Email} | {string.Join(",", entry.PastEmails)} | {entry.FirstName} | {entry.Locale} | {entry.Deleted}";
            Assert.True(state == " |  |  |  | True", $"in the order {string.Join(", ", accounts.Single(a => a.Id == entry.UserId).Order)}: {state}");
        }
    }

    [Fact]
    public async Task The_next_steps_approver_reads_the_requesters_new_name()
    {
        var requesterId = Guid.NewGuid();
        var van = new ApprovalSubject("purchase", "New delivery van", null, null, null, null, null);
        var expiry = DateTimeOffset.UtcNow.AddDays(3);
        var requested = new ApprovalRequested(Guid.NewGuid(), Guid.NewGuid(), van, requesterId, "Grace Murray", 1, 2,
            [new ApprovalRecipient(Guid.NewGuid(), NewAddress("ada"), "Ada")], expiry, DateTimeOffset.UtcNow.AddMinutes(-1));
        await service.Bus.PublishAsync(requested, NewId.NextGuid());
        await service.Mail.WaitForEmailToAsync(requested.Approvers[0].Email);

        var renamed = NewId.NextGuid();
        await service.Bus.PublishAsync(new UserProfileChanged(requesterId, "Grace", "Hopper", DateTimeOffset.UtcNow), renamed);
        await Eventually.TrueAsync(async () => await service.WithDbAsync(db => EventOrders.HandledAsync(db, [renamed])) == 1, "the new name");
        var next = new ApprovalRecipient(Guid.NewGuid(), NewAddress("alan"), "Alan");
        await service.Bus.PublishAsync(new ApprovalStepAdvanced(requested.OrganizationId, requested.RequestId, van, "step", 2, 2,
            [next], expiry, DateTimeOffset.UtcNow), NewId.NextGuid());

        var email = await service.Mail.WaitForEmailToAsync(next.Email);
        Assert.Contains("Grace Hopper asks for your approval (step 2 of 2):", email.Text);
        Assert.DoesNotContain("Murray", email.Text + email.Html);
    }

    private Task DeliverAsync(IReadOnlyList<IReadOnlyList<object>> sequences) =>
        EventOrders.DeliverRoundByRoundAsync(service.Bus, sequences, ids => service.WithDbAsync(db => EventOrders.HandledAsync(db, ids)));
}
