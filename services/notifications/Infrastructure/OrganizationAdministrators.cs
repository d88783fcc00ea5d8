using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Model;

namespace Platform.Notifications.Infrastructure;

/// <summary>Who administers an organization, from the membership projection (<see cref="OrganizationMember"/>).</summary>
public static class OrganizationAdministrators
{
    public static Task<bool> IsAdministratorAsync(this NotificationsDbContext db, Guid organizationId, Guid userId, CancellationToken cancellationToken) =>
        Administrators(db, organizationId).AnyAsync(m => m.UserId == userId, cancellationToken);

    /// <summary>The addresses (and languages) of the organization's owner and admins that this service knows.</summary>
    public static Task<List<Recipient>> AdministratorAddressesAsync(this NotificationsDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        Administrators(db, organizationId)
            .Join(db.DirectoryUsers.Where(u => !u.Deleted && u.Email != null), m => m.UserId, u => u.UserId, (_, u) => new Recipient(u.Email!, u.Locale))
            .ToListAsync(cancellationToken);

    /// <summary>Row-locks (or creates) the pair's projection row, so two events about it apply one after the other.</summary>
    public static async Task<OrganizationMember> LockMemberAsync(this NotificationsDbContext db, Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.OrganizationMembers
            .FromSql($"""SELECT * FROM "OrganizationMembers" WHERE "OrganizationId" = {organizationId} AND "UserId" = {userId} FOR UPDATE""")
            .ToListAsync(cancellationToken);
        if (rows is [var member])
        {
            return member;
        }

        // Two first events about one pair racing: one insert loses on the key, and its retry finds the row.
        member = OrganizationMember.Unknown(organizationId, userId);
        db.OrganizationMembers.Add(member);
        return member;
    }

    private static IQueryable<OrganizationMember> Administrators(NotificationsDbContext db, Guid organizationId) =>
        db.OrganizationMembers.Where(m => m.OrganizationId == organizationId && m.IsMember && !m.Suspended && m.ScopeUnitId == null
            && (m.Rank == OrganizationMember.Owner || m.Rank == OrganizationMember.Admin)
            && !db.ArchivedOrganizations.Any(a => a.OrganizationId == organizationId));
}

/// <summary>An address to write to, in <see cref="Locale"/> (null: the default language).</summary>
public sealed record Recipient(string Email, string? Locale);
