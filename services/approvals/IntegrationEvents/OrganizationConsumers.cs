using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Directory;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

/// <summary>A new organization, with its owner as its first member.</summary>
public sealed class OrganizationCreatedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<OrganizationCreatedConsumer> logger)
    : IdempotentConsumer<OrganizationCreated, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OrganizationCreated message, ConsumeContext<OrganizationCreated> context)
    {
        (await Db.LockOrAddAsync(message.OrganizationId, () => OrganizationCopy.Unknown(message.OrganizationId), context.CancellationToken)).Learn(message.Name);
        (await Db.LockMemberAsync(message.OrganizationId, message.OwnerId, context.CancellationToken)).Grant(MemberCopy.Owner, null, message.CreatedAt);
    }
}

/// <summary>An archived organization takes no new requests; those under way stay readable.</summary>
public sealed class OrganizationArchivedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<OrganizationArchivedConsumer> logger)
    : IdempotentConsumer<OrganizationArchived, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OrganizationArchived message, ConsumeContext<OrganizationArchived> context) =>
        (await Db.LockOrAddAsync(message.OrganizationId, () => OrganizationCopy.Unknown(message.OrganizationId), context.CancellationToken)).Archive();
}

/// <summary>The previous owner stays on as an admin, so nobody loses the right to decide here.</summary>
public sealed class OwnershipTransferredConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<OwnershipTransferredConsumer> logger)
    : IdempotentConsumer<OwnershipTransferred, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OwnershipTransferred message, ConsumeContext<OwnershipTransferred> context)
    {
        // Locked in a fixed order, so two transfers between the same two people cannot deadlock.
        foreach (var userId in new[] { message.PreviousOwnerId, message.NewOwnerId }.Distinct().Order())
            (await Db.LockMemberAsync(message.OrganizationId, userId, context.CancellationToken))
                .ChangeRank(userId == message.NewOwnerId ? MemberCopy.Owner : MemberCopy.Admin, null, message.TransferredAt);
    }
}
