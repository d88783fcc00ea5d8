using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Directory;
using Platform.Contracts.Membership;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.IntegrationEvents;

public sealed class MembershipGrantedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<MembershipGrantedConsumer> logger)
    : IdempotentConsumer<MembershipGranted, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipGranted message, ConsumeContext<MembershipGranted> context)
    {
        (await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .Grant(message.Rank, message.ScopeUnitId, message.GrantedAt);
    }
}

/// <summary>A lower rank may end the right to decide: the person's pending steps are reviewed.</summary>
public sealed class MembershipRoleChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<MembershipRoleChangedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<MembershipRoleChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipRoleChanged message, ConsumeContext<MembershipRoleChanged> context)
    {
        (await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken))
            .ChangeRank(message.ToRank, message.ScopeUnitId, message.ChangedAt);
        await Db.SaveChangesAsync(context.CancellationToken);
        await reassignment.ReviewAsync(message.UserId, message.OrganizationId, context.CancellationToken);
    }
}

/// <summary>A suspended member decides nothing in this organization until reactivated.</summary>
public sealed class MembershipStateChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<MembershipStateChangedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<MembershipStateChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipStateChanged message, ConsumeContext<MembershipStateChanged> context)
    {
        (await Db.LockMemberAsync(message.OrganizationId, message.UserId, context.CancellationToken)).ChangeState(message.State, message.ChangedAt);
        await Db.SaveChangesAsync(context.CancellationToken);
        await reassignment.ReviewAsync(message.UserId, message.OrganizationId, context.CancellationToken);
    }
}

/// <summary>
/// A revoked member is gone from the organization with their units and role grants, as tombstones: the
/// copy keeps the revocation time, so a grant or unit list older than it, arriving late, does not bring
/// them back. Their pending steps move on.
/// </summary>
public sealed class MembershipRevokedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<MembershipRevokedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<MembershipRevoked, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MembershipRevoked message, ConsumeContext<MembershipRevoked> context)
    {
        var (organizationId, userId) = (message.OrganizationId, message.UserId);
        var member = await Db.LockMemberAsync(organizationId, userId, context.CancellationToken);
        if (member.Revoke(message.RevokedAt))
            await Db.UnitMemberships.Where(m => m.OrganizationId == organizationId && m.UserId == userId).ExecuteDeleteAsync(context.CancellationToken);
        foreach (var holding in await Db.RoleHoldings.IgnoreQueryFilters().Where(h => h.OrganizationId == organizationId && h.UserId == userId).ToListAsync(context.CancellationToken))
            holding.EndWithMembership(message.RevokedAt);
        await Db.SaveChangesAsync(context.CancellationToken);
        await reassignment.ReviewAsync(userId, organizationId, context.CancellationToken);
    }
}

/// <summary>
/// The member's units, complete: a manager who left a unit no longer manages it. The newest list wins
/// (by event time, not arrival), and a list from before the membership's revocation ended with it.
/// </summary>
public sealed class MemberUnitsChangedConsumer(ApprovalsDbContext db, TimeProvider clock, ILogger<MemberUnitsChangedConsumer> logger, Reassignment reassignment)
    : IdempotentConsumer<MemberUnitsChanged, ApprovalsDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(MemberUnitsChanged message, ConsumeContext<MemberUnitsChanged> context)
    {
        var (organizationId, userId) = (message.OrganizationId, message.UserId);
        if (!(await Db.LockMemberAsync(organizationId, userId, context.CancellationToken)).TakeUnits(message.ChangedAt)) return;
        await Db.UnitMemberships.Where(m => m.OrganizationId == organizationId && m.UserId == userId).ExecuteDeleteAsync(context.CancellationToken);
        Db.UnitMemberships.AddRange(message.UnitIds.Distinct().Select(unitId => new UnitMembership(organizationId, userId, unitId)));
        await Db.SaveChangesAsync(context.CancellationToken);
        await reassignment.ReviewAsync(userId, organizationId, context.CancellationToken);
    }
}
