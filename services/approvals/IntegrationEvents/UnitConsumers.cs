using MassTransit;
using Platform.Approvals.Infrastructure;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

public sealed class UnitCreatedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitCreatedConsumer> logger)
    : IdempotentConsumer<UnitCreated, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitCreated message, ConsumeContext<UnitCreated> context) =>
        (await Db.LockUnitAsync(message.OrganizationId, message.UnitId, context.CancellationToken)).Create(message.ParentUnitId, message.Name, message.CreatedAt);
}

public sealed class UnitRenamedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitRenamedConsumer> logger)
    : IdempotentConsumer<UnitRenamed, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitRenamed message, ConsumeContext<UnitRenamed> context) =>
        (await Db.LockUnitAsync(message.OrganizationId, message.UnitId, context.CancellationToken)).Rename(message.Name, message.RenamedAt);
}

/// <summary>A moved unit changes whose managers its members reach when walking up; steps under way keep their approvers.</summary>
public sealed class UnitMovedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitMovedConsumer> logger)
    : IdempotentConsumer<UnitMoved, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitMoved message, ConsumeContext<UnitMoved> context) =>
        (await Db.LockUnitAsync(message.OrganizationId, message.UnitId, context.CancellationToken)).Move(message.ParentUnitId, message.MovedAt);
}

/// <summary>The unit stays as a tombstone, so a late creation, rename or move does not bring it back; memberships of it count for nothing.</summary>
public sealed class UnitDeletedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitDeletedConsumer> logger)
    : IdempotentConsumer<UnitDeleted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitDeleted message, ConsumeContext<UnitDeleted> context) =>
        (await Db.LockUnitAsync(message.OrganizationId, message.UnitId, context.CancellationToken)).Delete(message.DeletedAt);
}
