using Microsoft.EntityFrameworkCore;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;

namespace Platform.Identity.Application;

/// <summary>
/// Finds who asks and about which account when an organization's owner or admins manage its accounts;
/// the rules themselves are on <see cref="OrganizationMembership.RefusalToManage"/>. The changes are
/// <see cref="UserAdministration"/>'s, audited with the organization as their scope.
/// </summary>
public sealed class OrganizationAccounts(
    IdentityDbContext db, OrganizationMemberships memberships, AccountChanges changes, EmailChange emailChange, AuditTrail audit)
{
    /// <summary>The caller's membership in force in the organization (not archived), or null: to anyone else it does not exist.</summary>
    public async Task<OrganizationMembership?> CallerAsync(Guid actorId, Guid organizationId, CancellationToken cancellationToken)
    {
        if (await memberships.ActiveAsync(actorId, organizationId, cancellationToken) is not var (membership, _)) return null;
        audit.OrganizationScope = organizationId;
        return membership;
    }

    /// <summary>The account, tracked for a change, when the caller may manage it; otherwise why not.</summary>
    public async Task<(User? Account, AccountManagementRefusal? Refusal)> TargetAsync(
        OrganizationMembership caller, Guid userId, CancellationToken cancellationToken)
    {
        var account = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (account is null) return (null, AccountManagementRefusal.Unknown("The account is not a member of this organization."));
        var target = await memberships.FindAsync(userId, caller.OrganizationId, cancellationToken);
        var elsewhere = await memberships.BelongsElsewhereAsync(userId, caller.OrganizationId, cancellationToken);
        return caller.RefusalToManage(target, account, elsewhere) is { } refusal ? (null, refusal) : (account, null);
    }

    /// <summary>
    /// Names change at once; a new address is verified again: it gets a confirmation link and replaces
    /// the old one only when followed (the old one is told then), as when the person changes it.
    /// </summary>
    public async Task<AdministrationResult> EditAsync(
        User account, string firstName, string lastName, string email, Guid actorId, CancellationToken cancellationToken)
    {
        if (email != account.Email && await db.Users.AnyAsync(u => u.Email == email, cancellationToken)) return new AdministrationResult.EmailTaken();
        if (changes.Rename(account, firstName, lastName)) audit.Record(AuditActions.EditedByAdministrator, actorId, account.Id, "name");
        if (email != account.Email) await emailChange.RequestAsync(account, email, cancellationToken, actorId);
        else await db.SaveChangesAsync(cancellationToken);
        return new AdministrationResult.Done();
    }
}
