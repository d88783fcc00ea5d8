using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Model;

namespace Platform.Identity.Infrastructure.EntityConfigurations;

internal sealed class KnownOrganizationConfiguration : IEntityTypeConfiguration<KnownOrganization>
{
    public void Configure(EntityTypeBuilder<KnownOrganization> organization)
    {
        organization.ToTable("Organizations");
        organization.HasKey(o => o.Id);
        organization.Property(o => o.Id).ValueGeneratedNever();
        organization.Property(o => o.Name).HasMaxLength(KnownOrganization.MaxNameLength);
        organization.Property(o => o.Version).IsRowVersion();
        organization.Ignore(o => o.IsArchived);
    }
}

internal sealed class OrganizationMembershipConfiguration : IEntityTypeConfiguration<OrganizationMembership>
{
    public void Configure(EntityTypeBuilder<OrganizationMembership> membership)
    {
        membership.ToTable("OrganizationMemberships");
        membership.HasKey(m => new { m.UserId, m.OrganizationId });
        membership.HasIndex(m => m.OrganizationId);
        membership.Property(m => m.Rank).HasConversion<string>().HasMaxLength(20);
        membership.Property(m => m.Version).IsRowVersion();
        membership.Ignore(m => m.IsActive);
    }
}

internal sealed class OrganizationRoleGrantConfiguration : IEntityTypeConfiguration<OrganizationRoleGrant>
{
    public void Configure(EntityTypeBuilder<OrganizationRoleGrant> grant)
    {
        grant.ToTable("OrganizationRoleGrants");
        grant.HasKey(g => g.GrantId);
        grant.Property(g => g.GrantId).ValueGeneratedNever();
        grant.HasIndex(g => new { g.UserId, g.OrganizationId });
        grant.Ignore(g => g.IsInForce);
    }
}

internal sealed class KnownRoleConfiguration : IEntityTypeConfiguration<KnownRole>
{
    public void Configure(EntityTypeBuilder<KnownRole> role)
    {
        role.ToTable("CustomRoles");
        role.HasKey(r => r.Id);
        role.Property(r => r.Id).ValueGeneratedNever();
        role.Property(r => r.Name).HasMaxLength(KnownRole.MaxNameLength);
    }
}
