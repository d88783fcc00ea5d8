using Platform.Contracts.Membership;

namespace Platform.Approvals.Tests;

/// <summary>
/// A custom role granted to a unit names approvers as a role granted to each of its people would: everyone in the
/// unit or one of its sub-units, while they are there and while the grant stands.
/// </summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class UnitRoleApproverTests(ApprovalsApiFixture service)
{
    [Fact]
    public async Task Everyone_in_the_unit_and_below_is_asked_until_they_leave_it_or_the_grant_is_revoked()
    {
        var world = await World.OrganizationAsync(service);
        var finances = await world.UnitAsync("Finances");
        var audit = await world.UnitAsync("Audit", finances);
        var ann = await world.MemberAsync("Ann", "member", null, finances);
        var tom = await world.MemberAsync("Tom", "member", null, audit);
        var requester = await world.MemberAsync("Rita");
        var (role, grant) = (Guid.NewGuid(), Guid.NewGuid());
        await world.PublishAsync(new UnitRoleGranted(world.Organization, finances, grant, role, "treasurer", "organization", null, ["orders.approve"], world.Owner, DateTimeOffset.UtcNow));
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new object[] { new { name = "treasury", source = "role", role = "treasurer" } } });

        var request = await world.RequestAsync(requester, "order");
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal(new[] { ann, tom }.Order(), World.PendingApprovers(request).Order());

        // Tom leaves the unit: he is no longer asked.
        await world.PublishAsync(new MemberUnitsChanged(world.Organization, tom, [], DateTimeOffset.UtcNow));
        await world.SettledAsync();
        var afterLeaving = World.PendingApprovers(await world.GetAsync(world.Owner, id));
        Assert.DoesNotContain(tom, afterLeaving);
        Assert.Contains(ann, afterLeaving);

        // The unit's grant is revoked: Ann is no longer asked either.
        await world.PublishAsync(new UnitRoleRevoked(world.Organization, finances, grant, role, "treasurer", "organization", null, world.Owner, DateTimeOffset.UtcNow));
        await world.SettledAsync();
        Assert.DoesNotContain(ann, World.PendingApprovers(await world.GetAsync(world.Owner, id)));
    }

    [Fact]
    public async Task A_revocation_that_overtakes_its_grant_keeps_the_unit_from_being_asked()
    {
        var world = await World.OrganizationAsync(service);
        var finances = await world.UnitAsync("Finances");
        var ann = await world.MemberAsync("Ann", "member", null, finances);
        var requester = await world.MemberAsync("Rita");
        var (role, grant) = (Guid.NewGuid(), Guid.NewGuid());
        var grantedAt = DateTimeOffset.UtcNow;
        await world.PublishAsync(new UnitRoleRevoked(world.Organization, finances, grant, role, "treasurer", "organization", null, world.Owner, grantedAt.AddSeconds(1)));
        await world.SettledAsync();
        await world.PublishAsync(new UnitRoleGranted(world.Organization, finances, grant, role, "treasurer", "organization", null, ["orders.approve"], world.Owner, grantedAt));
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new object[] { new { name = "treasury", source = "role", role = "treasurer" } } });

        var request = await world.RequestAsync(requester, "order");

        Assert.DoesNotContain(ann, World.PendingApprovers(request));
    }
}
