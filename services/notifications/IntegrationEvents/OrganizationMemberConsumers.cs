using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.IntegrationEvents;

// Membership's events keep the projection of who administers which organization (OrganizationMember).
// Each applies by its event time, so the order they arrive in across types does not matter.

public sealed class MembershipGrantedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<MembershipGrantedConsumer> logger)
    : IdempotentConsumer<MembershipGranted, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipGranted message, ConsumeContext<MembershipGranted> context) =>
        (await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .Grant(message.Rank, message.ScopeUnitId, message.GrantedAt);
}

public sealed class MembershipRoleChangedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<MembershipRoleChangedConsumer> logger)
    : IdempotentConsumer<MembershipRoleChanged, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipRoleChanged message, ConsumeContext<MembershipRoleChanged> context) =>
        (await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .ChangeRank(message.ToRank, message.ScopeUnitId, message.ChangedAt);
}

public sealed class MembershipStateChangedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<MembershipStateChangedConsumer> logger)
    : IdempotentConsumer<MembershipStateChanged, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipStateChanged message, ConsumeContext<MembershipStateChanged> context) =>
        (await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .ChangeState(message.State, message.ChangedAt);
}

public sealed class MembershipRevokedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<MembershipRevokedConsumer> logger)
    : IdempotentConsumer<MembershipRevoked, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipRevoked message, ConsumeContext<MembershipRevoked> context) =>
        (await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken)).Revoke(message.RevokedAt);
}

public sealed class OwnershipTransferredConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<OwnershipTransferredConsumer> logger)
    : IdempotentConsumer<OwnershipTransferred, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OwnershipTransferred message, ConsumeContext<OwnershipTransferred> context)
    {
        // Locked in a fixed order, so two transfers between the same two people cannot deadlock.
        foreach (var userId in new[] { message.PreviousOwnerId, message.NewOwnerId }.Distinct().Order())
        {
            var member = await Db.LockMemberAsync(message.OrganizationId, userId, context.CancellationToken);
            if (userId == message.NewOwnerId)
            {
                member.BecomeOwner(message.TransferredAt);
            }
            else
            {
                member.StepDownAsOwner(message.TransferredAt);
            }
        }
    }
}

public sealed class OrganizationArchivedConsumer(NotificationsDbContext db, TimeProvider clock, ILogger<OrganizationArchivedConsumer> logger)
    : IdempotentConsumer<OrganizationArchived, NotificationsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OrganizationArchived message, ConsumeContext<OrganizationArchived> context)
    {
        if (!await Db.ArchivedOrganizations.AnyAsync(a => a.OrganizationId == message.OrganizationId, context.CancellationToken))
        {
            Db.ArchivedOrganizations.Add(new ArchivedOrganization(message.OrganizationId, message.ArchivedAt));
        }
    }
}
