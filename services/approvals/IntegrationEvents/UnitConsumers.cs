using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Directory;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

public sealed class UnitCreatedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitCreatedConsumer> logger)
    : IdempotentConsumer<UnitCreated, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitCreated message, ConsumeContext<UnitCreated> context)
    {
        if (await Db.Units.AnyAsync(u => u.Id == message.UnitId, context.CancellationToken)) return;
        Db.Units.Add(UnitCopy.Created(message.OrganizationId, message.UnitId, message.ParentUnitId, message.Name));
    }
}

public sealed class UnitRenamedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitRenamedConsumer> logger)
    : IdempotentConsumer<UnitRenamed, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitRenamed message, ConsumeContext<UnitRenamed> context) =>
        (await Db.Units.SingleOrDefaultAsync(u => u.Id == message.UnitId && u.OrganizationId == message.OrganizationId, context.CancellationToken))?.Rename(message.Name);
}

/// <summary>A moved unit changes whose managers its members reach when walking up; steps under way keep their approvers.</summary>
public sealed class UnitMovedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitMovedConsumer> logger)
    : IdempotentConsumer<UnitMoved, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitMoved message, ConsumeContext<UnitMoved> context) =>
        (await Db.Units.SingleOrDefaultAsync(u => u.Id == message.UnitId && u.OrganizationId == message.OrganizationId, context.CancellationToken))?.Move(message.ParentUnitId);
}

public sealed class UnitDeletedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitDeletedConsumer> logger)
    : IdempotentConsumer<UnitDeleted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitDeleted message, ConsumeContext<UnitDeleted> context)
    {
        await Db.UnitMemberships.Where(m => m.UnitId == message.UnitId && m.OrganizationId == message.OrganizationId).ExecuteDeleteAsync(context.CancellationToken);
        await Db.Units.Where(u => u.Id == message.UnitId && u.OrganizationId == message.OrganizationId).ExecuteDeleteAsync(context.CancellationToken);
    }
}
