using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Notifications.Model;

namespace Platform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class SmtpAcceptanceConfiguration : IEntityTypeConfiguration<SmtpAcceptance>
{
    public void Configure(EntityTypeBuilder<SmtpAcceptance> acceptance)
    {
        acceptance.ToTable("SmtpAcceptances");
        acceptance.HasKey(a => a.DeliveryId);
        acceptance.Property(a => a.DeliveryId).ValueGeneratedNever();
        acceptance.Property(a => a.SmtpMessageId).HasMaxLength(300);
        // No foreign key: a key check would take a share lock on the delivery's row, which the batch
        // that claimed it holds FOR UPDATE until it commits.
    }
}
