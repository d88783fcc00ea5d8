using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;

namespace Platform.Identity.Application;

public sealed record OwnedOrganization(Guid Id, string Name);

/// <summary>
/// Questions identity asks its copy of membership's data (learnt from events, so a change made in
/// membership is seen here a moment later). An organization identity has not heard of is not archived.
/// </summary>
public sealed class OrganizationMemberships(IdentityDbContext db)
{
    private static readonly DateTimeOffset Never = DateTimeOffset.MinValue;

    /// <summary>The organizations, not archived, that the user owns: deleting the account waits until ownership moves.</summary>
    public Task<List<OwnedOrganization>> OwnedAsync(Guid userId, CancellationToken cancellationToken) =>
        (from m in db.OrganizationMemberships
         where m.UserId == userId && m.Rank == OrganizationRank.Owner && m.GrantedAt > Never && m.RevokedAt == null
         from o in db.Organizations.Where(o => o.Id == m.OrganizationId).DefaultIfEmpty()
         where o == null || o.ArchivedAt == null
         orderby m.OrganizationId
         select new OwnedOrganization(m.OrganizationId, o == null ? "" : o.Name)).ToListAsync(cancellationToken);

    /// <summary>The user's membership in force in an organization that is not archived, or null.</summary>
    public async Task<(OrganizationMembership Membership, KnownOrganization Organization)?> ActiveAsync(
        Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        var found = await (
            from m in db.OrganizationMemberships
            where m.UserId == userId && m.OrganizationId == organizationId && m.GrantedAt > Never && m.RevokedAt == null && !m.Suspended
            from o in db.Organizations.Where(o => o.Id == m.OrganizationId).DefaultIfEmpty()
            select new { Membership = m, Organization = o }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        var organization = found.Organization ?? KnownOrganization.Learn(organizationId);
        return organization.IsArchived ? null : (found.Membership, organization);
    }

    /// <summary>The target's membership as recorded, in force or not (null when there is none).</summary>
    public Task<OrganizationMembership?> FindAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        db.OrganizationMemberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId && m.OrganizationId == organizationId, cancellationToken);

    /// <summary>Whether the user is a member in force of any organization other than <paramref name="organizationId"/>.</summary>
    public Task<bool> BelongsElsewhereAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        db.OrganizationMemberships.AnyAsync(
            m => m.UserId == userId && m.OrganizationId != organizationId && m.GrantedAt > Never && m.RevokedAt == null, cancellationToken);

    /// <summary>Whether the user is a member in force of an organization (not archived) that requires two-factor login.</summary>
    public Task<bool> TwoFactorRequiredAsync(Guid userId, CancellationToken cancellationToken) =>
        (from m in db.OrganizationMemberships
         where m.UserId == userId && m.GrantedAt > Never && m.RevokedAt == null && !m.Suspended
         join o in db.Organizations on m.OrganizationId equals o.Id
         where o.RequireTwoFactor && o.ArchivedAt == null
         select m).AnyAsync(cancellationToken);
}
