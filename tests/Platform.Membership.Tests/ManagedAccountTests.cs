using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing;

namespace Platform.Membership.Tests;

/// <summary>Identity created an account for an organization: membership makes the person a member, once, if the creator may.</summary>
public sealed class ManagedAccountTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task The_person_becomes_a_member_once_however_often_the_event_arrives()
    {
        var (org, owner) = await given.OrganizationAsync();
        var person = await given.UserAsync();
        var created = new ManagedAccountCreated(org, person, owner, DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();
        var handled = await InboxCountAsync();

        await service.Bus.PublishAsync(created, messageId);
        await service.Bus.PublishAsync(created, messageId);
        await service.Bus.PublishAsync(created, NewId.NextGuid());

        var member = await Eventually.GetAsync(() => given.WithDbAsync(db => db.Members.SingleOrDefaultAsync(m => m.OrganizationId == org && m.UserId == person)), "the membership");
        Assert.Equal((Rank.Member, MemberState.Active), (member.Rank, member.State));
        await Eventually.TrueAsync(async () => await InboxCountAsync() >= handled + 2, "both distinct messages");
        Assert.Equal(1, await given.WithDbAsync(db => db.Members.CountAsync(m => m.OrganizationId == org && m.UserId == person)));
        Assert.Equal(1, await OutboxCountAsync(org, person));
    }

    [Fact]
    public async Task A_creator_who_is_not_owner_or_admin_here_or_an_unknown_organization_makes_nobody_a_member()
    {
        var (org, owner) = await given.OrganizationAsync();
        var manager = await given.MemberAsync(org, owner, "manager");
        var (byManager, byStranger, elsewhere) = (await given.UserAsync(), await given.UserAsync(), await given.UserAsync());
        var admin = await given.MemberAsync(org, owner, "admin");
        var byAdmin = await given.UserAsync();
        var handled = await InboxCountAsync();

        await service.Bus.PublishAsync(new ManagedAccountCreated(org, byManager, manager, DateTimeOffset.UtcNow), NewId.NextGuid());
        await service.Bus.PublishAsync(new ManagedAccountCreated(org, byStranger, Guid.NewGuid(), DateTimeOffset.UtcNow), NewId.NextGuid());
        await service.Bus.PublishAsync(new ManagedAccountCreated(Guid.NewGuid(), elsewhere, owner, DateTimeOffset.UtcNow), NewId.NextGuid());
        await service.Bus.PublishAsync(new ManagedAccountCreated(org, byAdmin, admin, DateTimeOffset.UtcNow), NewId.NextGuid());

        await Eventually.TrueAsync(() => given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == byAdmin)), "the admin's account to join");
        await Eventually.TrueAsync(async () => await InboxCountAsync() >= handled + 4, "all four messages");
        Assert.False(await given.WithDbAsync(db => db.Members.AnyAsync(m => m.UserId == byManager || m.UserId == byStranger || m.UserId == elsewhere)));
    }

    private Task<int> InboxCountAsync() =>
        given.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => r.Consumer == nameof(IntegrationEvents.ManagedAccountCreatedConsumer)));

    private async Task<int> OutboxCountAsync(Guid org, Guid userId)
    {
        var bodies = await given.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains("." + nameof(MembershipGranted) + ",")).Select(m => m.Body).ToListAsync());
        return bodies.Count(body => body.Contains(org.ToString()) && body.Contains(userId.ToString()));
    }
}
