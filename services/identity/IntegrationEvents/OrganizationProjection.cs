using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;

namespace Platform.Identity.IntegrationEvents;

/// <summary>Finds identity's copy of an organization, a membership, a role or a role grant, adding it when this is the first event about it.</summary>
internal static class OrganizationProjection
{
    public static async Task<KnownOrganization> OrganizationAsync(this IdentityDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = db.Organizations.Local.FirstOrDefault(o => o.Id == organizationId)
            ?? await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is not null) return organization;
        organization = KnownOrganization.Learn(organizationId);
        db.Organizations.Add(organization);
        return organization;
    }

    public static async Task<OrganizationMembership> MembershipAsync(this IdentityDbContext db, Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var membership = db.OrganizationMemberships.Local.FirstOrDefault(m => m.OrganizationId == organizationId && m.UserId == userId)
            ?? await db.OrganizationMemberships.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        if (membership is not null) return membership;
        membership = OrganizationMembership.Learn(organizationId, userId);
        db.OrganizationMemberships.Add(membership);
        return membership;
    }

    public static async Task<OrganizationRoleGrant> RoleGrantAsync(
        this IdentityDbContext db, Guid grantId, Guid organizationId, Guid userId, Guid roleId, CancellationToken cancellationToken)
    {
        var grant = db.OrganizationRoleGrants.Local.FirstOrDefault(g => g.GrantId == grantId)
            ?? await db.OrganizationRoleGrants.SingleOrDefaultAsync(g => g.GrantId == grantId, cancellationToken);
        if (grant is not null) return grant;
        grant = OrganizationRoleGrant.Learn(grantId, organizationId, userId, roleId);
        db.OrganizationRoleGrants.Add(grant);
        return grant;
    }

    public static async Task<KnownRole> RoleAsync(this IdentityDbContext db, Guid roleId, Guid organizationId, CancellationToken cancellationToken)
    {
        var role = db.Roles.Local.FirstOrDefault(r => r.Id == roleId) ?? await db.Roles.SingleOrDefaultAsync(r => r.Id == roleId, cancellationToken);
        if (role is not null) return role;
        role = KnownRole.Learn(roleId, organizationId);
        db.Roles.Add(role);
        return role;
    }

    /// <summary>A rank from an event; an unknown word counts as the lowest rank, never as a higher one.</summary>
    public static OrganizationRank Rank(string? name) => OrganizationRanks.TryParse(name, out var rank) ? rank : OrganizationRank.Viewer;
}
