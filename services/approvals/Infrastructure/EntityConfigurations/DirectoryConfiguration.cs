using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Approvals.Model.Directory;

namespace Platform.Approvals.Infrastructure.EntityConfigurations;

internal sealed class OrganizationCopyConfiguration : IEntityTypeConfiguration<OrganizationCopy>
{
    public void Configure(EntityTypeBuilder<OrganizationCopy> organization)
    {
        organization.ToTable("Organizations");
        organization.HasKey(o => o.Id);
        organization.Property(o => o.Id).ValueGeneratedNever();
        organization.Property(o => o.Name).HasMaxLength(200);
    }
}

internal sealed class MemberCopyConfiguration : IEntityTypeConfiguration<MemberCopy>
{
    public void Configure(EntityTypeBuilder<MemberCopy> member)
    {
        member.ToTable("Members");
        member.HasKey(m => new { m.OrganizationId, m.UserId });
        member.HasIndex(m => m.UserId);
        member.Property(m => m.Rank).HasMaxLength(20);
        member.Ignore(m => m.IsAdmin);
        member.Ignore(m => m.ReadsEveryRequest);
        // Rows learnt out of order or revoked are kept for their event times but count for nothing.
        member.HasQueryFilter(m => m.IsMember);
    }
}

internal sealed class UnitCopyConfiguration : IEntityTypeConfiguration<UnitCopy>
{
    public void Configure(EntityTypeBuilder<UnitCopy> unit)
    {
        unit.ToTable("Units");
        unit.HasKey(u => u.Id);
        unit.Property(u => u.Id).ValueGeneratedNever();
        unit.HasIndex(u => u.OrganizationId);
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.Ignore(u => u.IsDeleted);
        // A deleted unit is kept (a tombstone against late events) but is no longer part of the tree.
        unit.HasQueryFilter(u => u.DeletedAt == null);
    }
}

internal sealed class UnitMembershipConfiguration : IEntityTypeConfiguration<UnitMembership>
{
    public void Configure(EntityTypeBuilder<UnitMembership> membership)
    {
        membership.ToTable("UnitMemberships");
        membership.HasKey(m => new { m.OrganizationId, m.UserId, m.UnitId });
    }
}

internal sealed class RoleHoldingConfiguration : IEntityTypeConfiguration<RoleHolding>
{
    public void Configure(EntityTypeBuilder<RoleHolding> holding)
    {
        holding.ToTable("RoleHoldings");
        holding.HasKey(h => h.GrantId);
        holding.Property(h => h.GrantId).ValueGeneratedNever();
        holding.HasIndex(h => new { h.OrganizationId, h.UserId });
        holding.HasIndex(h => h.RoleId);
        holding.Property(h => h.Scope).HasMaxLength(20);
        holding.Ignore(h => h.InForce);
        // Revoked grants, and revocations whose grant has not arrived, are kept but grant nothing.
        holding.HasQueryFilter(h => h.GrantedAt != null && h.RevokedAt == null);
    }
}

internal sealed class UnitRoleHoldingConfiguration : IEntityTypeConfiguration<UnitRoleHolding>
{
    public void Configure(EntityTypeBuilder<UnitRoleHolding> holding)
    {
        holding.ToTable("UnitRoleHoldings");
        holding.HasKey(h => h.GrantId);
        holding.Property(h => h.GrantId).ValueGeneratedNever();
        holding.HasIndex(h => new { h.OrganizationId, h.UnitId });
        holding.HasIndex(h => h.RoleId);
        holding.Property(h => h.Scope).HasMaxLength(20);
        holding.Ignore(h => h.InForce);
        holding.HasQueryFilter(h => h.GrantedAt != null && h.RevokedAt == null);
    }
}

internal sealed class RoleCopyConfiguration : IEntityTypeConfiguration<RoleCopy>
{
    public void Configure(EntityTypeBuilder<RoleCopy> role)
    {
        role.ToTable("Roles");
        role.HasKey(r => r.Id);
        role.Property(r => r.Id).ValueGeneratedNever();
        role.HasIndex(r => r.OrganizationId);
        role.Property(r => r.Name).HasMaxLength(100);
        role.Ignore(r => r.IsDeleted);
        role.HasQueryFilter(r => r.DeletedAt == null);
    }
}
