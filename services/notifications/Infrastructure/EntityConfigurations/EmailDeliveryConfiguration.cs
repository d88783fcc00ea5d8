using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Notifications.Model;

namespace Platform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class EmailDeliveryConfiguration : IEntityTypeConfiguration<EmailDelivery>
{
    public void Configure(EntityTypeBuilder<EmailDelivery> delivery)
    {
        delivery.ToTable("EmailDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.Template).HasMaxLength(100);
        delivery.Property(d => d.Recipient).HasMaxLength(254);
        delivery.Property(d => d.Subject).HasMaxLength(500);
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        delivery.Property(d => d.SmtpMessageId).HasMaxLength(300);
        // The idempotency rule: one email per source event, recipient and template.
        delivery.HasIndex(d => new { d.SourceEventId, d.Recipient, d.Template }).IsUnique();
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.Recipient, d.CreatedAt });
    }
}
