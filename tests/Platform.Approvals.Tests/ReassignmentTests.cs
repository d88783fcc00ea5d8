using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;

namespace Platform.Approvals.Tests;

/// <summary>An approver who can no longer decide hands their pending steps on by the policy; no request is left without an approver.</summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class ReassignmentTests(ApprovalsApiFixture service)
{
    public static TheoryData<string> WaysToLoseTheRight => ["rank lowered", "membership suspended", "membership revoked", "account suspended", "account archived", "account deleted"];

    [Theory]
    [MemberData(nameof(WaysToLoseTheRight))]
    public async Task A_deactivated_approvers_step_moves_to_another_approver_with_history_and_an_event(string how)
    {
        var world = await World.OrganizationAsync(service);
        var leaving = await world.MemberAsync("Lee", "manager");
        var staying = await world.MemberAsync("Sta", "manager");
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager", requiredApprovals = 2 } } });
        var id = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;

        await (how switch
        {
            "rank lowered" => world.PublishAsync(new MembershipRoleChanged(world.Organization, leaving, "manager", "member", null, world.Owner, now)),
            "membership suspended" => world.PublishAsync(new MembershipStateChanged(world.Organization, leaving, "suspended", world.Owner, now)),
            "membership revoked" => world.PublishAsync(new MembershipRevoked(world.Organization, leaving, world.Owner, now)),
            "account suspended" => world.PublishAsync(new UserStateChanged(leaving, "active", "suspended", "admin", world.Owner, now)),
            "account archived" => world.PublishAsync(new UserStateChanged(leaving, "active", "archived", "admin", world.Owner, now)),
            _ => world.PublishAsync(new UserDeleted(leaving, now)),
        });
        await world.SettledAsync();

        var request = await world.GetAsync(requester, id);
        Assert.Equal(new[] { world.Owner, staying }.Order(), World.PendingApprovers(request).Order());
        var advanced = (await service.StepAdvanced.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(("reassigned", world.Owner), (advanced.Reason, advanced.Approvers.Single().UserId!.Value));
        var history = await world.As(requester).GetFromJsonAsync<JsonElement>($"/requests/{id}/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("event").GetString() == "reassigned");
        // Still a member after a lower rank (403: not asked any more); otherwise nobody in the organization (404).
        Assert.Equal(how == "rank lowered" ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, (await world.DecideAsync(leaving, id, "approve")).StatusCode);
    }

    [Fact]
    public async Task An_approver_who_keeps_the_right_keeps_the_step_and_a_redelivered_event_changes_nothing()
    {
        var world = await World.OrganizationAsync(service);
        var manager = await world.MemberAsync("Max", "manager");
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager" } } });
        var id = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();

        // A new unit list leaves the manager rank as it is.
        var changed = new MemberUnitsChanged(world.Organization, manager, [], DateTimeOffset.UtcNow);
        var messageId = MassTransit.NewId.NextGuid();
        await service.Bus.PublishAsync(changed, messageId);
        await service.Bus.PublishAsync(changed, messageId);
        await world.SettledAsync();
        await Eventually.TrueAsync(() => service.WithDbAsync(db => Task.FromResult(db.Set<Platform.ServiceDefaults.Messaging.InboxRecord>().Any(r => r.MessageId == messageId))), "the unit change");

        Assert.Equal([manager], World.PendingApprovers(await world.GetAsync(requester, id)));
        Assert.Equal(0, service.StepAdvanced.Count(e => e.RequestId == id));
    }

    [Fact]
    public async Task The_projection_follows_membership_and_a_duplicated_message_is_handled_once()
    {
        var world = await World.OrganizationAsync(service);
        var person = await world.PersonAsync("Dup");
        var granted = new MembershipGranted(world.Organization, person, "manager", null, world.Owner, DateTimeOffset.UtcNow);
        var messageId = MassTransit.NewId.NextGuid();
        await service.Bus.PublishAsync(granted, messageId);
        await service.Bus.PublishAsync(granted, messageId);
        var grant = await world.GrantRoleAsync(person, "buyer");
        await world.PublishAsync(new CustomRoleChanged(world.Organization, Guid.Empty, "ignored", [], "updated", world.Owner, DateTimeOffset.UtcNow));
        await world.PublishAsync(new OwnershipTransferred(world.Organization, world.Owner, person, world.Owner, DateTimeOffset.UtcNow));
        await world.SettledAsync();

        var members = await service.WithDbAsync(db => Task.FromResult(db.Members.Where(m => m.OrganizationId == world.Organization).ToList()));
        Assert.Equal("owner", members.Single(m => m.UserId == person).Rank);
        Assert.Equal("admin", members.Single(m => m.UserId == world.Owner).Rank);
        Assert.Equal(1, await service.WithDbAsync(db => Task.FromResult(db.Set<Platform.ServiceDefaults.Messaging.InboxRecord>().Count(r => r.MessageId == messageId))));
        Assert.Equal("buyer", await service.WithDbAsync(db => Task.FromResult(db.Roles.Single(r => r.Id == db.RoleHoldings.Single(h => h.GrantId == grant).RoleId).Name)));
    }
}
