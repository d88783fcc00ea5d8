using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Membership.Model;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Infrastructure.EntityConfigurations;

internal sealed class PermissionDefinitionConfiguration : IEntityTypeConfiguration<PermissionDefinition>
{
    public void Configure(EntityTypeBuilder<PermissionDefinition> permission)
    {
        permission.ToTable("PermissionDefinitions");
        permission.HasKey(p => p.Key);
        permission.Property(p => p.Key).HasMaxLength(100);
        permission.Property(p => p.Description).HasMaxLength(PermissionDefinition.MaxDescriptionLength);
        // The built-in keys are part of the schema: a new built-in permission comes with a migration.
        permission.HasData(Permissions.BuiltIn.Select(p => new { p.Key, p.Description, BuiltIn = true }));
    }
}

internal sealed class CustomRoleConfiguration : IEntityTypeConfiguration<CustomRole>
{
    public void Configure(EntityTypeBuilder<CustomRole> role)
    {
        role.ToTable("CustomRoles");
        role.HasKey(r => r.Id);
        role.Property(r => r.Id).ValueGeneratedNever();
        role.Property(r => r.Name).HasMaxLength(CustomRole.MaxNameLength);
        role.Property(r => r.NormalizedName).HasMaxLength(CustomRole.MaxNameLength);
        role.HasIndex(r => new { r.OrganizationId, r.NormalizedName }).IsUnique();
        role.Property(r => r.Description).HasMaxLength(CustomRole.MaxDescriptionLength);
        role.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoleGrantConfiguration : IEntityTypeConfiguration<RoleGrant>
{
    public void Configure(EntityTypeBuilder<RoleGrant> grant)
    {
        grant.ToTable("RoleGrants");
        grant.HasKey(g => g.Id);
        grant.Property(g => g.Id).ValueGeneratedNever();
        grant.Property(g => g.Scope).HasConversion<string>().HasMaxLength(20);
        // The authorization check's lookup (one person in one organization) is the foreign key's index.
        grant.HasOne<Member>().WithMany().HasForeignKey(g => new { g.OrganizationId, g.UserId })
            .HasPrincipalKey(m => new { m.OrganizationId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne<CustomRole>().WithMany().HasForeignKey(g => g.RoleId).OnDelete(DeleteBehavior.Cascade);
        // A unit with grants scoped to it is not deleted until they are revoked.
        grant.HasOne<Unit>().WithMany().HasForeignKey(g => g.ScopeUnitId).OnDelete(DeleteBehavior.Restrict);
        grant.HasIndex(g => new { g.RoleId, g.UserId, g.Scope, g.ScopeUnitId }).IsUnique().AreNullsDistinct(false);
    }
}

internal sealed class UnitRoleGrantConfiguration : IEntityTypeConfiguration<UnitRoleGrant>
{
    public void Configure(EntityTypeBuilder<UnitRoleGrant> grant)
    {
        grant.ToTable("UnitRoleGrants");
        grant.HasKey(g => g.Id);
        grant.Property(g => g.Id).ValueGeneratedNever();
        grant.Property(g => g.Scope).HasConversion<string>().HasMaxLength(20);
        grant.HasOne<Organization>().WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne<CustomRole>().WithMany().HasForeignKey(g => g.RoleId).OnDelete(DeleteBehavior.Cascade);
        // A unit holding grants, or with grants scoped to it, is not deleted until they are revoked.
        grant.HasOne<Unit>().WithMany().HasForeignKey(g => g.UnitId).OnDelete(DeleteBehavior.Restrict);
        grant.HasOne<Unit>().WithMany().HasForeignKey(g => g.ScopeUnitId).OnDelete(DeleteBehavior.Restrict);
        grant.HasIndex(g => new { g.RoleId, g.UnitId, g.Scope, g.ScopeUnitId }).IsUnique().AreNullsDistinct(false);
        grant.HasIndex(g => new { g.OrganizationId, g.UnitId });
    }
}

internal sealed class OrganizationPermissionConfiguration : IEntityTypeConfiguration<OrganizationPermission>
{
    public void Configure(EntityTypeBuilder<OrganizationPermission> permission)
    {
        permission.ToTable("OrganizationPermissions");
        permission.HasKey(p => new { p.OrganizationId, p.Key });
        permission.Property(p => p.Key).HasMaxLength(100);
        permission.Property(p => p.Description).HasMaxLength(PermissionDefinition.MaxDescriptionLength);
        permission.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
