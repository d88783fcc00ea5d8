using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Tests;

/// <summary>
/// Identity's events about one account reach membership in any order (separate queues, retries):
/// whatever the order, the copy ends as it would in order, field by field, and a deleted account stays deleted.
/// </summary>
public sealed class AccountEventOrderTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Registered_verified_renamed_moved_and_suspended_end_the_same_in_all_120_orders()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var orders = EventOrders.Permutations(["registered", "verified", "renamed", "moved", "suspended"]);
        var accounts = orders.Select(order => (Id: Guid.NewGuid(), Order: order)).ToList();
        object Event(Guid id, string name) => name switch
        {
            "registered" => new UserRegistered(id, $"ada-{run}@example.com", "Ada", "Byron", T0),
            "verified" => new EmailVerified(id, $"ada-{run}@example.com", T0.AddMinutes(1)),
            "renamed" => new UserProfileChanged(id, "Ada", "Lovelace", T0.AddMinutes(2)),
            "moved" => new EmailChanged(id, $"ada-{run}@example.com", $"ada.l-{run}@example.com", T0.AddMinutes(3)),
            _ => new UserStateChanged(id, "active", "suspended", "admin", null, T0.AddMinutes(4)),
        };

        await service.DeliverRoundByRoundAsync(accounts.Select(a => (IReadOnlyList<object>)a.Order.Select(e => Event(a.Id, e)).ToList()).ToList());

        var ids = accounts.Select(a => a.Id).ToList();
        var copies = await service.WithDbAsync(db => db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.FirstName, u.LastName, u.EmailVerified, u.AccountState, u.RegisteredAt }).ToListAsync());
        Assert.Equal(120, copies.Count);
        var inOrder = copies.Single(c => c.Id == accounts[0].Id);
        Assert.Equal(($"ada.l-{run}@example.com", "Ada", "Lovelace", true, "suspended", T0),
            (inOrder.Email, inOrder.FirstName, inOrder.LastName, inOrder.EmailVerified, inOrder.AccountState, inOrder.RegisteredAt));
        foreach (var copy in copies)
        {
            var order = string.Join(", ", accounts.Single(a => a.Id == copy.Id).Order);
            Assert.True(Equals(copy with { Id = inOrder.Id }, inOrder), $"in the order {order}: {copy}");
        }
    }

    [Fact]
    public async Task A_deleted_account_stays_deleted_and_anonymized_in_all_24_orders()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        var orders = EventOrders.Permutations(["registered", "verified", "renamed", "deleted"]);
        var accounts = orders.Select(order => (Id: Guid.NewGuid(), Order: order)).ToList();
        object Event(Guid id, string name) => name switch
        {
            "registered" => new UserRegistered(id, $"bob-{run}@example.com", "Bob", "Stone", T0),
            "verified" => new EmailVerified(id, $"bob-{run}@example.com", T0.AddMinutes(1)),
            "renamed" => new UserProfileChanged(id, "Robert", "Stone", T0.AddMinutes(2)),
            _ => new UserDeleted(id, T0.AddMinutes(3)),
        };

        await service.DeliverRoundByRoundAsync(accounts.Select(a => (IReadOnlyList<object>)a.Order.Select(e => Event(a.Id, e)).ToList()).ToList());

        foreach (var (id, order) in accounts)
        {
            var copy = await service.Host.CreateClientAs(new InternalIdentity(id)).GetStringAsync($"/directory/users/{id}");
            var person = JsonDocument.Parse(copy).RootElement;
            Assert.True(person.GetProperty("email").GetString() == $"deleted-{id:N}@deleted.invalid", $"in the order {string.Join(", ", order)}: {copy}");
            Assert.DoesNotContain("Bob", copy);
            Assert.DoesNotContain("Robert", copy);
            Assert.DoesNotContain("Stone", copy);
        }

        var ids = accounts.Select(a => a.Id).ToList();
        Assert.All(await service.WithDbAsync(db => db.Users.Where(u => ids.Contains(u.Id)).Select(u => u.AccountState).ToListAsync()), state => Assert.Equal("deleted", state));
    }

    [Fact]
    public async Task A_new_name_shows_in_the_member_list_and_an_older_one_arriving_late_changes_nothing()
    {
        var given = new Scenario(service);
        var (org, owner) = await given.OrganizationAsync();
        var member = await given.MemberAsync(org, owner, "member", firstName: "Pat");
        var now = DateTimeOffset.UtcNow;

        Guid[] messages = [Guid.NewGuid(), Guid.NewGuid()];
        await service.Bus.PublishAsync(new UserProfileChanged(member, "Patricia", "Renamed", now.AddMinutes(1)), messages[0]);
        await service.Bus.PublishAsync(new UserProfileChanged(member, "Patty", "Older", now), messages[1]);

        await Eventually.TrueAsync(async () =>
        {
            var page = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members");
            var row = page.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("userId").GetGuid() == member);
            return row.GetProperty("firstName").GetString() == "Patricia" && row.GetProperty("lastName").GetString() == "Renamed";
        }, "the new name in the member list");
        await Eventually.TrueAsync(
            async () => await service.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => messages.Contains(r.MessageId))) == 2,
            "both profile changes to be handled");
        var shown = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/members/{member}");
        Assert.Equal("Patricia", shown.GetProperty("firstName").GetString());
    }
}
