using MassTransit;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Directory;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

/// <summary>A grant counts unless its revocation, or the membership's, is as new or newer, whichever arrived first.</summary>
public sealed class RoleGrantedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<RoleGrantedConsumer> logger)
    : IdempotentConsumer<RoleGranted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(RoleGranted message, ConsumeContext<RoleGranted> context)
    {
        var member = await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken);
        var role = await Db.LockRoleAsync(message.OrganizationId, message.RoleId, context.CancellationToken);
        role.LearnName(message.RoleName, message.GrantedAt);
        role.LearnPermissions(message.Permissions, message.GrantedAt);
        var holding = await Db.HoldingAsync(message.GrantId, () => RoleHolding.Of(message.GrantId, message.OrganizationId, message.UserId, message.RoleId, message.Scope, message.ScopeUnitId), context.CancellationToken);
        holding.Grant(message.GrantedAt, member.RevokedAt);
    }
}

/// <summary>A revoked role may end the right to decide: the person's pending steps are reviewed. The revoked row stays, so a late grant does not revive it.</summary>
public sealed class RoleRevokedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<RoleRevokedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<RoleRevoked, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(RoleRevoked message, ConsumeContext<RoleRevoked> context)
    {
        await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken);
        (await Db.LockRoleAsync(message.OrganizationId, message.RoleId, context.CancellationToken)).LearnName(message.RoleName, message.RevokedAt);
        var holding = await Db.HoldingAsync(message.GrantId,
            () => RoleHolding.Of(message.GrantId, message.OrganizationId, message.UserId, message.RoleId, message.Scope, message.ScopeUnitId), context.CancellationToken);
        holding.Revoke(message.RevokedAt);
        await Db.SaveChangesAsync(context.CancellationToken);
        await reassignment.ReviewAsync(message.UserId, message.OrganizationId, context.CancellationToken);
    }
}

/// <summary>
/// Policies name custom roles, so a renamed role is followed (the newest name and permissions win); a deleted one
/// stays deleted and none of its grants counts (their RoleRevoked events, which follow, move the
/// holders' pending steps on).
/// </summary>
public sealed class CustomRoleChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<CustomRoleChangedConsumer> logger)
    : IdempotentConsumer<CustomRoleChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(CustomRoleChanged message, ConsumeContext<CustomRoleChanged> context)
    {
        var role = await Db.LockRoleAsync(message.OrganizationId, message.RoleId, context.CancellationToken);
        if (message.Change == "deleted") role.Delete(message.ChangedAt);
        else
        {
            role.LearnName(message.Name, message.ChangedAt);
            role.LearnPermissions(message.Permissions, message.ChangedAt);
        }
    }
}

/// <summary>A role granted to a unit: everyone in the unit or below it holds it while they are there.</summary>
public sealed class UnitRoleGrantedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitRoleGrantedConsumer> logger)
    : IdempotentConsumer<UnitRoleGranted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitRoleGranted message, ConsumeContext<UnitRoleGranted> context)
    {
        var role = await Db.LockRoleAsync(message.OrganizationId, message.RoleId, context.CancellationToken);
        role.LearnName(message.RoleName, message.GrantedAt);
        role.LearnPermissions(message.Permissions, message.GrantedAt);
        (await Db.LockUnitHoldingAsync(message.GrantId, () => UnitRoleHolding.Of(message.GrantId, message.OrganizationId, message.UnitId, message.RoleId, message.Scope, message.ScopeUnitId),
            context.CancellationToken)).Grant(message.GrantedAt);
    }
}

/// <summary>A unit's role revoked may end the right to decide for everyone who held it through the unit: pending steps are reviewed.</summary>
public sealed class UnitRoleRevokedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<UnitRoleRevokedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<UnitRoleRevoked, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(UnitRoleRevoked message, ConsumeContext<UnitRoleRevoked> context)
    {
        (await Db.LockRoleAsync(message.OrganizationId, message.RoleId, context.CancellationToken)).LearnName(message.RoleName, message.RevokedAt);
        (await Db.LockUnitHoldingAsync(message.GrantId, () => UnitRoleHolding.Of(message.GrantId, message.OrganizationId, message.UnitId, message.RoleId, message.Scope, message.ScopeUnitId),
            context.CancellationToken)).Revoke(message.RevokedAt);
        await Db.SaveChangesAsync(context.CancellationToken);
        await reassignment.ReviewApproversAsync(message.OrganizationId, context.CancellationToken);
    }
}
