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
        holding.Property(h => h.RoleName).HasMaxLength(100);
        holding.Property(h => h.Scope).HasMaxLength(20);
    }
}
