using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Model.Directory;

namespace Platform.Approvals.Infrastructure;

/// <summary>
/// Row locks on the copies of membership's facts, whose events may arrive in any order: two events
/// about one row apply one after the other. Tombstones and rows not yet in force are included. Two
/// first events racing: one insert loses on the key, and its retry finds the row.
/// </summary>
public static class ProjectionRows
{
    /// <summary>The pair's member copy; its lock also orders the events about the member's units and role grants.</summary>
    public static Task<MemberCopy> LockMemberAsync(this ApprovalsDbContext db, Guid organizationId, Guid userId, CancellationToken cancellationToken) =>
        LockOrAddAsync(db.Members,
            $"""SELECT * FROM "Members" WHERE "OrganizationId" = {organizationId} AND "UserId" = {userId} FOR UPDATE""",
            () => MemberCopy.Unknown(organizationId, userId), cancellationToken);

    public static Task<UnitCopy> LockUnitAsync(this ApprovalsDbContext db, Guid organizationId, Guid unitId, CancellationToken cancellationToken) =>
        LockOrAddAsync(db.Units,
            $"""SELECT * FROM "Units" WHERE "Id" = {unitId} AND "OrganizationId" = {organizationId} FOR UPDATE""",
            () => UnitCopy.Unknown(organizationId, unitId), cancellationToken);

    public static Task<RoleCopy> LockRoleAsync(this ApprovalsDbContext db, Guid organizationId, Guid roleId, CancellationToken cancellationToken) =>
        LockOrAddAsync(db.Roles,
            $"""SELECT * FROM "Roles" WHERE "Id" = {roleId} AND "OrganizationId" = {organizationId} FOR UPDATE""",
            () => RoleCopy.Unknown(organizationId, roleId), cancellationToken);

    /// <summary>A grant's row, tombstones included; the caller holds the member's lock.</summary>
    public static async Task<RoleHolding> HoldingAsync(this ApprovalsDbContext db, Guid grantId, Func<RoleHolding> unknown, CancellationToken cancellationToken)
    {
        var holding = await db.RoleHoldings.IgnoreQueryFilters().SingleOrDefaultAsync(h => h.GrantId == grantId, cancellationToken);
        if (holding is not null) return holding;
        holding = unknown();
        db.RoleHoldings.Add(holding);
        return holding;
    }

    /// <summary>A unit grant's row, tombstones included, locked: its grant and revocation apply one after the other.</summary>
    public static Task<UnitRoleHolding> LockUnitHoldingAsync(this ApprovalsDbContext db, Guid grantId, Func<UnitRoleHolding> unknown, CancellationToken cancellationToken) =>
        LockOrAddAsync(db.UnitRoleHoldings, $"""SELECT * FROM "UnitRoleHoldings" WHERE "GrantId" = {grantId} FOR UPDATE""", unknown, cancellationToken);

    private static async Task<T> LockOrAddAsync<T>(DbSet<T> rows, FormattableString sql, Func<T> unknown, CancellationToken cancellationToken)
        where T : class
    {
        if (await rows.FromSql(sql).IgnoreQueryFilters().ToListAsync(cancellationToken) is [var row]) return row;
        row = unknown();
        rows.Add(row);
        return row;
    }
}
