using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.Notifications.Infrastructure;

namespace Platform.Notifications.Tests;

/// <summary>Identity's and membership's events that tell notifications who a person is and what they are in an organization.</summary>
internal static class MembershipEvents
{
    /// <summary>A registered person with their own address; returns their id and address.</summary>
    public static async Task<(Guid UserId, string Email)> RegisterAsync(
        this NotificationsServiceFixture service, string firstName = "Ada", string? locale = null)
    {
        var registered = new UserRegistered(Guid.NewGuid(), IdentityEvents.NewAddress(firstName.ToLowerInvariant()), firstName, "Lovelace",
            DateTimeOffset.UtcNow, locale);
        await service.Bus.PublishAsync(registered, NewId.NextGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.DirectoryUsers.AnyAsync(u => u.UserId == registered.UserId && u.Email != null)),
            "the person to be in the directory");
        return (registered.UserId, registered.Email);
    }

    /// <summary>Grants <paramref name="rank"/> (optionally only for a unit) and waits until the projection shows it.</summary>
    public static async Task GrantAsync(this NotificationsServiceFixture service, Guid organizationId, Guid userId, string rank, Guid? scopeUnitId = null)
    {
        await service.Bus.PublishAsync(new MembershipGranted(organizationId, userId, rank, scopeUnitId, null, DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.OrganizationMembers.AnyAsync(
            m => m.OrganizationId == organizationId && m.UserId == userId && m.IsMember && m.Rank == rank)), $"{rank} to be granted");
    }

    public static async Task SuspendAsync(this NotificationsServiceFixture service, Guid organizationId, Guid userId)
    {
        await service.Bus.PublishAsync(new MembershipStateChanged(organizationId, userId, "suspended", Guid.NewGuid(), DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.OrganizationMembers.AnyAsync(
            m => m.OrganizationId == organizationId && m.UserId == userId && m.Suspended)), "the membership to be suspended");
    }

    public static async Task RevokeAsync(this NotificationsServiceFixture service, Guid organizationId, Guid userId)
    {
        await service.Bus.PublishAsync(new MembershipRevoked(organizationId, userId, Guid.NewGuid(), DateTimeOffset.UtcNow), NewId.NextGuid());
        await Eventually.TrueAsync(() => service.WithDbAsync(db => db.OrganizationMembers.AnyAsync(
            m => m.OrganizationId == organizationId && m.UserId == userId && !m.IsMember)), "the membership to be revoked");
    }

    public static Task<bool> IsAdministratorAsync(this NotificationsServiceFixture service, Guid organizationId, Guid userId) =>
        service.WithDbAsync(db => db.IsAdministratorAsync(organizationId, userId, CancellationToken.None));
}
