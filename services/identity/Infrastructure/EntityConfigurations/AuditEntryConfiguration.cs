using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Model;

namespace Platform.Identity.Infrastructure.EntityConfigurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.HasKey(a => a.Id);
        entry.Property(a => a.Id).UseIdentityAlwaysColumn();
        entry.Property(a => a.Action).HasMaxLength(64);
        entry.Property(a => a.ClientAddress).HasMaxLength(64);
        entry.Property(a => a.UserAgent).HasMaxLength(300);
        entry.Property(a => a.TraceId).HasMaxLength(32);
        entry.Property(a => a.Detail).HasMaxLength(500);
        entry.HasIndex(a => new { a.TargetUserId, a.OccurredAt });
        entry.HasIndex(a => new { a.Action, a.OccurredAt });
        entry.HasIndex(a => a.OccurredAt);
    }
}
