using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;

namespace Platform.Identity.Tests;

/// <summary>Arranging identity's copy of membership's data: the events membership would publish, and a wait until identity has them.</summary>
internal static class OrganizationEvents
{
    /// <summary>Publishes the organization's settings and each membership (rank by its event word); waits until identity knows them all.</summary>
    public static async Task<Guid> OrganizationAsync(
        this IdentityServiceFixture service, bool adminsMayImpersonate, params (Guid User, string Rank)[] members)
    {
        var organization = Guid.NewGuid();
        await service.Bus.PublishAsync(new OrganizationSecurityChanged(organization, false, adminsMayImpersonate, null, DateTimeOffset.UtcNow), Guid.NewGuid());
        await service.GrantAsync(organization, members);
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Id == organization)), "identity to learn the organization");
        return organization;
    }

    /// <summary>Memberships granted now in an organization identity may already know; waits until identity has them all.</summary>
    public static async Task GrantAsync(this IdentityServiceFixture service, Guid organization, params (Guid User, string Rank)[] members)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (user, rank) in members)
        {
            await service.Bus.PublishAsync(new MembershipGranted(organization, user, rank, null, null, now), Guid.NewGuid());
        }

        var users = members.Select(m => m.User).ToList();
        await Eventually.TrueAsync(async () => await service.WithDbAsync(db => db.OrganizationMemberships
            .CountAsync(m => m.OrganizationId == organization && users.Contains(m.UserId) && m.GrantedAt > DateTimeOffset.MinValue)) == users.Count,
            "identity to learn the memberships");
    }
}
