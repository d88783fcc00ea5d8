using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Membership.Model;

namespace Platform.Membership.Infrastructure.EntityConfigurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> organization)
    {
        organization.ToTable("Organizations");
        organization.HasKey(o => o.Id);
        organization.Property(o => o.Id).ValueGeneratedNever();
        organization.Property(o => o.Name).HasMaxLength(Organization.MaxNameLength);
        organization.Property(o => o.Slug).HasMaxLength(63);
        organization.HasIndex(o => o.Slug).IsUnique();
        organization.Property(o => o.ContactEmail).HasMaxLength(254);
        organization.Property(o => o.State).HasConversion<string>().HasMaxLength(20);
        organization.Property(o => o.MinimumRankToInvite).HasConversion<string>().HasMaxLength(20);
        organization.HasIndex(o => o.OwnerId);
        organization.OwnsMany(o => o.CustomFields, fields => fields.ToJson());
        organization.OwnsMany(o => o.UnitCustomFields, fields => fields.ToJson());
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.ToTable("Units");
        unit.HasKey(u => u.Id);
        unit.Property(u => u.Id).ValueGeneratedNever();
        unit.Property(u => u.Name).HasMaxLength(Unit.MaxNameLength);
        unit.Property(u => u.Label).HasMaxLength(50);
        unit.Property(u => u.Path).HasMaxLength(Unit.MaxDepth * 33 + 1);
        unit.HasIndex(u => new { u.OrganizationId, u.Path });
        unit.HasIndex(u => u.ParentId);
        unit.Property(u => u.CustomFields).HasColumnType("jsonb").HasConversion(JsonColumns.Dictionary<string, string>(), JsonColumns.DictionaryComparer<string, string>());
        unit.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> member)
    {
        member.ToTable("Members");
        member.HasKey(m => m.Id);
        member.Property(m => m.Id).ValueGeneratedNever();
        // One membership per person and organization; role grants and group members point at it.
        member.HasAlternateKey(m => new { m.OrganizationId, m.UserId });
        // The authorization check's lookup: one person's memberships.
        member.HasIndex(m => m.UserId);
        member.Property(m => m.Rank).HasConversion<string>().HasMaxLength(20);
        member.Property(m => m.State).HasConversion<string>().HasMaxLength(20);
        member.Property(m => m.CustomFields).HasColumnType("jsonb").HasConversion(
            fields => JsonSerializer.Serialize(fields, JsonSerializerOptions.Default),
            json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                fields => fields.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                fields => new Dictionary<string, string>(fields)));
        member.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        member.OwnsMany(m => m.Units, units =>
        {
            units.ToTable("MemberUnits");
            units.WithOwner().HasForeignKey(u => u.MemberId);
            units.HasKey(u => new { u.MemberId, u.UnitId });
            // A unit joined later is a new row: without this EF takes it for an existing one (its key is set) and writes nothing.
            units.Property(u => u.UnitId).ValueGeneratedNever();
            units.HasIndex(u => u.UnitId);
        });
    }
}

internal sealed class OwnershipLimitConfiguration : IEntityTypeConfiguration<OwnershipLimit>
{
    public void Configure(EntityTypeBuilder<OwnershipLimit> limit)
    {
        limit.ToTable("OwnershipLimits");
        limit.HasKey(l => l.UserId);
    }
}
