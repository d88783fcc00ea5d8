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
        if (!await Db.Organizations.AnyAsync(o => o.Id == message.OrganizationId, context.CancellationToken))
            Db.Organizations.Add(OrganizationCopy.Created(message.OrganizationId, message.Name));
        if (!await Db.Members.AnyAsync(m => m.OrganizationId == message.OrganizationId && m.UserId == message.OwnerId, context.CancellationToken))
            Db.Members.Add(MemberCopy.Granted(message.OrganizationId, message.OwnerId, MemberCopy.Owner, null));
    }
}

/// <summary>An archived organization takes no new requests; those under way stay readable.</summary>
public sealed class OrganizationArchivedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<OrganizationArchivedConsumer> logger)
    : IdempotentConsumer<OrganizationArchived, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OrganizationArchived message, ConsumeContext<OrganizationArchived> context) =>
        (await Db.Organizations.SingleOrDefaultAsync(o => o.Id == message.OrganizationId, context.CancellationToken))?.Archive();
}

/// <summary>The previous owner stays on as an admin, so nobody loses the right to decide here.</summary>
public sealed class OwnershipTransferredConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<OwnershipTransferredConsumer> logger)
    : IdempotentConsumer<OwnershipTransferred, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(OwnershipTransferred message, ConsumeContext<OwnershipTransferred> context)
    {
        var members = await Db.Members.Where(m => m.OrganizationId == message.OrganizationId
            && (m.UserId == message.PreviousOwnerId || m.UserId == message.NewOwnerId)).ToListAsync(context.CancellationToken);
        members.SingleOrDefault(m => m.UserId == message.PreviousOwnerId)?.ChangeRank(MemberCopy.Admin, null);
        if (members.SingleOrDefault(m => m.UserId == message.NewOwnerId) is { } owner) owner.ChangeRank(MemberCopy.Owner, null);
        else Db.Members.Add(MemberCopy.Granted(message.OrganizationId, message.NewOwnerId, MemberCopy.Owner, null));
    }
}
