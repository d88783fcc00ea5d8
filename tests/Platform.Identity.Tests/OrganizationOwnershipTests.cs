using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Identity.Model;
using static Platform.Identity.Tests.AdminUsers;

namespace Platform.Identity.Tests;

/// <summary>Identity learns who owns what from membership's events, and does not delete an owner's account.</summary>
public sealed class OrganizationOwnershipTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task Deleting_an_owner_is_refused_with_a_409_naming_the_organization_until_ownership_moves()
    {
        var admin = service.AdminClient();
        var owner = (await admin.CreateUserAsync()).Id();
        var successor = Guid.NewGuid();
        var organization = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await service.Bus.PublishAsync(new OrganizationCreated(organization, "Riverside Food Co-op", "riverside", owner, now), Guid.NewGuid());
        await WaitForRankAsync(owner, organization, OrganizationRank.Owner);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(owner, "archive")).StatusCode);

        var refused = await admin.PostAsync(owner, "delete");

        var problem = await refused.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Riverside Food Co-op", problem.GetProperty("detail").GetString());
        Assert.Equal(organization, problem.GetProperty("organizations").EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal("archived", (await admin.GetUserAsync(owner)).State());

        await service.Bus.PublishAsync(new OwnershipTransferred(organization, owner, successor, owner, now.AddSeconds(1)), Guid.NewGuid());
        await WaitForRankAsync(owner, organization, OrganizationRank.Admin);
        await WaitForRankAsync(successor, organization, OrganizationRank.Owner);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(owner, "delete")).StatusCode);
        Assert.Equal("deleted", (await admin.GetUserAsync(owner)).State());
    }

    [Fact]
    public async Task An_archived_organization_does_not_block_deletion()
    {
        var admin = service.AdminClient();
        var owner = (await admin.CreateUserAsync()).Id();
        var organization = Guid.NewGuid();
        await service.Bus.PublishAsync(new OrganizationCreated(organization, "Closed Shop", "closed", owner, DateTimeOffset.UtcNow), Guid.NewGuid());
        await WaitForRankAsync(owner, organization, OrganizationRank.Owner);
        await admin.PostAsync(owner, "archive");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync(owner, "delete")).StatusCode);

        await service.Bus.PublishAsync(new OrganizationArchived(organization, owner, DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Id == organization && o.ArchivedAt != null)), "the archive to arrive");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(owner, "delete")).StatusCode);
    }

    [Fact]
    public async Task Membership_events_are_applied_once_and_in_any_order()
    {
        var user = Guid.NewGuid();
        var organization = Guid.NewGuid();
        var t0 = DateTimeOffset.UtcNow;
        var granted = Guid.NewGuid();

        // The role change overtakes the grant; the grant is then delivered twice.
        await service.Bus.PublishAsync(new MembershipRoleChanged(organization, user, "member", "manager", null, Guid.NewGuid(), t0.AddSeconds(1)), Guid.NewGuid());
        await WaitForRankAsync(user, organization, OrganizationRank.Manager);
        await service.Bus.PublishAsync(new MembershipGranted(organization, user, "member", null, null, t0), granted);
        await service.Bus.PublishAsync(new MembershipGranted(organization, user, "member", null, null, t0), granted);
        await service.Bus.PublishAsync(new MembershipStateChanged(organization, user, "suspended", Guid.NewGuid(), t0.AddSeconds(2)), Guid.NewGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.OrganizationMemberships.AnyAsync(m => m.UserId == user && m.Suspended)), "the suspension");
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.Set<Platform.ServiceDefaults.Messaging.InboxRecord>()
            .AnyAsync(r => r.MessageId == granted)), "the grant to be handled");
        await Task.Delay(500);

        var membership = await service.WithDbAsync(db => db.OrganizationMemberships.AsNoTracking().SingleAsync(m => m.UserId == user));
        Assert.Equal(OrganizationRank.Manager, membership.Rank);
        Assert.True(membership.Suspended);
        Assert.Equal(1, await service.WithDbAsync(db => db.Set<Platform.ServiceDefaults.Messaging.InboxRecord>().CountAsync(r => r.MessageId == granted)));

        await service.Bus.PublishAsync(new MembershipRevoked(organization, user, null, t0.AddSeconds(3)), Guid.NewGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.OrganizationMemberships.AnyAsync(m => m.UserId == user && m.RevokedAt != null)), "the revocation");
    }

    private Task WaitForRankAsync(Guid userId, Guid organizationId, OrganizationRank rank) => Eventually.TrueAsync(
        () => service.WithDbAsync(db => db.OrganizationMemberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == organizationId && m.Rank == rank)),
        $"identity to learn that {userId} is {rank}");
}
