using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Approvals;
using Platform.Contracts.Membership;
using Platform.Membership.Model;
using Platform.Membership.Model.Approvals;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing;

namespace Platform.Membership.Tests;

public sealed class ApprovedGrantTests
{
    [Fact]
    public void The_subject_names_the_person_the_rank_and_the_units()
    {
        var (user, unit) = (Guid.NewGuid(), Guid.NewGuid());
        var (grant, _) = ApprovedGrant.Parse("membership.join", $"user={user}; Rank=Viewer;units={unit},{unit}");
        Assert.Equal((user, Rank.Viewer), (grant!.UserId, grant.Rank));
        Assert.Equal([unit], grant.UnitIds);
        Assert.Equal(Rank.Member, ApprovedGrant.Parse("membership.join", $"user={user}").Grant!.Rank);
    }

    [Theory]
    [InlineData("role.elevation", "user={0}")]
    [InlineData("role.elevation", "user={0};rank=owner")]
    [InlineData("role.elevation", "user={0};rank=admin;units={0}")]
    [InlineData("membership.join", "user={0};rank=manager")]
    [InlineData("membership.join", "user=nobody")]
    [InlineData("membership.join", "user={0};user={0}")]
    [InlineData("membership.join", "user={0};colour=blue")]
    [InlineData("membership.join", "{0}")]
    [InlineData("purchase.order", "user={0}")]
    public void Anything_else_is_refused(string type, string externalId) =>
        Assert.NotNull(ApprovedGrant.Parse(type, string.Format(externalId, Guid.NewGuid())).Problem);
}

public sealed class ApprovalGrantTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task An_approved_join_makes_the_person_a_member_once_however_often_it_arrives()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var person = await given.UserAsync();
        var decided = Decided(org, "membership.join", $"user={person};rank=member;units={north}", "approved", owner, requester: person);
        var messageId = NewId.NextGuid();

        await service.Bus.PublishAsync(decided, messageId);
        await service.Bus.PublishAsync(decided, messageId);
        await service.Bus.PublishAsync(decided with { RequestId = Guid.NewGuid() }, NewId.NextGuid());

        var member = await Eventually.GetAsync(() => given.WithDbAsync(db => db.Members.SingleOrDefaultAsync(m => m.OrganizationId == org && m.UserId == person)), "the membership");
        Assert.Equal((Rank.Member, north), (member.Rank, member.Units.Single().UnitId));
        await Eventually.TrueAsync(async () => await given.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => r.Consumer == "ApprovalDecidedConsumer")) >= 2, "both distinct messages");
        Assert.Equal(1, await given.WithDbAsync(db => db.Members.CountAsync(m => m.OrganizationId == org && m.UserId == person)));
        Assert.Equal(1, await OutboxCountAsync(nameof(MembershipGranted), org, person));
    }

    [Fact]
    public async Task An_approved_elevation_raises_the_rank_and_a_rejected_one_changes_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        var raised = await given.MemberAsync(org, owner, "member");
        var refused = await given.MemberAsync(org, owner, "member");

        await service.Bus.PublishAsync(Decided(org, "role.elevation", $"user={refused};rank=admin", "rejected", owner, requester: refused), NewId.NextGuid());
        await service.Bus.PublishAsync(Decided(org, "role.elevation", $"user={raised};rank=owner", "approved", owner, requester: raised), NewId.NextGuid());
        await service.Bus.PublishAsync(Decided(org, "role.elevation", $"user={raised};rank=manager", "approved", owner, requester: raised), NewId.NextGuid());

        await Eventually.TrueAsync(() => given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == raised && m.Rank == Rank.Manager)), "the manager rank");
        await Eventually.TrueAsync(async () => await given.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => r.Consumer == "ApprovalDecidedConsumer")) >= 3, "all three messages");
        Assert.Equal(Rank.Member, await given.WithDbAsync(db => db.Members.Where(m => m.OrganizationId == org && m.UserId == refused).Select(m => m.Rank).SingleAsync()));
        Assert.Equal(1, await OutboxCountAsync(nameof(MembershipRoleChanged), org, raised));
    }

    [Fact]
    public async Task A_rank_is_raised_only_by_a_decider_of_higher_rank()
    {
        var (org, owner) = await given.OrganizationAsync();
        var admin = await given.MemberAsync(org, owner, "admin");
        var member = await given.MemberAsync(org, owner, "member");

        await service.Bus.PublishAsync(Decided(org, "role.elevation", $"user={member};rank=admin", "approved", admin, requester: member), NewId.NextGuid());
        await Eventually.TrueAsync(async () => await given.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => r.Consumer == "ApprovalDecidedConsumer")) >= 1, "the first message");
        Assert.Equal(Rank.Member, await given.WithDbAsync(db => db.Members.Where(m => m.OrganizationId == org && m.UserId == member).Select(m => m.Rank).SingleAsync()));

        await service.Bus.PublishAsync(Decided(org, "role.elevation", $"user={member};rank=manager", "approved", admin, requester: member), NewId.NextGuid());
        await Eventually.TrueAsync(() => given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == member && m.Rank == Rank.Manager)), "the manager rank");
    }

    [Fact]
    public async Task A_request_made_for_someone_else_grants_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        var member = await given.MemberAsync(org, owner, "member");
        var outsider = await given.UserAsync();

        await service.Bus.PublishAsync(Decided(org, "membership.join", $"user={outsider};rank=admin", "approved", owner, requester: member), NewId.NextGuid());
        await service.Bus.PublishAsync(Decided(org, "role.elevation", $"user={member};rank=admin", "approved", owner, requester: outsider), NewId.NextGuid());

        await Eventually.TrueAsync(async () => await given.WithDbAsync(db => db.Set<InboxRecord>().CountAsync(r => r.Consumer == "ApprovalDecidedConsumer")) >= 2, "both messages");
        Assert.False(await given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == outsider)));
        Assert.Equal(Rank.Member, await given.WithDbAsync(db => db.Members.Where(m => m.OrganizationId == org && m.UserId == member).Select(m => m.Rank).SingleAsync()));
    }

    private static ApprovalDecided Decided(Guid org, string type, string externalId, string outcome, Guid decider, Guid requester) => new(
        org, Guid.NewGuid(), new ApprovalSubject(type, "Request", null, externalId, null, null, null), outcome, false, decider, null, null,
        requester, "requester@example.com", "Rae", DateTimeOffset.UtcNow);

    private async Task<int> OutboxCountAsync(string eventName, Guid org, Guid userId)
    {
        var bodies = await given.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains("." + eventName + ",")).Select(m => m.Body).ToListAsync());
        return bodies.Count(body => body.Contains(org.ToString()) && body.Contains(userId.ToString()));
    }
}
