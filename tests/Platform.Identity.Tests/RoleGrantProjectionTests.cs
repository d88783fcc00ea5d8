using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;

namespace Platform.Identity.Tests;

/// <summary>Membership's role events reach identity's copy over the real broker, in whatever order they arrive.</summary>
public sealed class RoleGrantProjectionTests(IdentityServiceFixture service) : IClassFixture<IdentityServiceFixture>
{
    [Fact]
    public async Task A_rename_that_overtakes_a_grant_and_a_revocation_that_overtakes_another_end_as_membership_has_them()
    {
        var organization = Guid.NewGuid();
        var (ada, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var (role, adasGrant, bobsGrant) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var now = DateTimeOffset.UtcNow;

        await service.Bus.PublishAsync(new CustomRoleChanged(organization, role, "Treasury", ["members.read"], "updated", ada, now.AddSeconds(1)), Guid.NewGuid());
        await service.Bus.PublishAsync(new RoleGranted(organization, ada, adasGrant, role, "Finances", "organization", null, ["members.read"], ada, now), Guid.NewGuid());
        await service.Bus.PublishAsync(new RoleRevoked(organization, bob, bobsGrant, role, "Treasury", "organization", null, ada, now.AddSeconds(3)), Guid.NewGuid());
        await service.Bus.PublishAsync(new RoleGranted(organization, bob, bobsGrant, role, "Treasury", "organization", null, ["members.read"], ada, now.AddSeconds(2)), Guid.NewGuid());

        await Eventually.TrueAsync(async () => await StateAsync(adasGrant) == "Treasury | in force" && await StateAsync(bobsGrant) == "Treasury | revoked",
            "identity to apply the four events");
    }

    private Task<string?> StateAsync(Guid grantId) => service.WithDbAsync(db => (
        from g in db.OrganizationRoleGrants.AsNoTracking()
        where g.GrantId == grantId && g.GrantedAt > DateTimeOffset.MinValue
        join r in db.Roles.AsNoTracking() on g.RoleId equals r.Id
        select r.Name + " | " + (g.RevokedAt == null ? "in force" : "revoked")).SingleOrDefaultAsync());
}
