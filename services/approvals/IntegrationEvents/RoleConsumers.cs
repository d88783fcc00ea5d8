using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Directory;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

public sealed class RoleGrantedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<RoleGrantedConsumer> logger)
    : IdempotentConsumer<RoleGranted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(RoleGranted message, ConsumeContext<RoleGranted> context)
    {
        if (await Db.RoleHoldings.AnyAsync(h => h.GrantId == message.GrantId, context.CancellationToken)) return;
        Db.RoleHoldings.Add(RoleHolding.Granted(message.GrantId, message.OrganizationId, message.UserId, message.RoleId, message.RoleName, message.Scope, message.ScopeUnitId));
    }
}

/// <summary>A revoked role may end the right to decide: the person's pending steps are reviewed.</summary>
public sealed class RoleRevokedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<RoleRevokedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<RoleRevoked, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(RoleRevoked message, ConsumeContext<RoleRevoked> context)
    {
        await Db.RoleHoldings.Where(h => h.GrantId == message.GrantId).ExecuteDeleteAsync(context.CancellationToken);
        await reassignment.ReviewAsync(message.UserId, message.OrganizationId, context.CancellationToken);
    }
}

/// <summary>
/// Policies name custom roles, so a renamed role is followed; a deleted one is dropped (its grants'
/// RoleRevoked events, which follow, move the holders' pending steps on).
/// </summary>
public sealed class CustomRoleChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<CustomRoleChangedConsumer> logger)
    : IdempotentConsumer<CustomRoleChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(CustomRoleChanged message, ConsumeContext<CustomRoleChanged> context)
    {
        if (message.Change == "deleted")
        {
            await Db.RoleHoldings.Where(h => h.RoleId == message.RoleId).ExecuteDeleteAsync(context.CancellationToken);
            return;
        }

        foreach (var holding in await Db.RoleHoldings.Where(h => h.RoleId == message.RoleId).ToListAsync(context.CancellationToken))
            holding.RenameRole(message.Name);
    }
}
