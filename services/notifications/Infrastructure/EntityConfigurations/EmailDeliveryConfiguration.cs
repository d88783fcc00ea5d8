using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
        delivery.Property(d => d.Category).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.Priority).HasConversion<short>();
        delivery.Property(d => d.Recipient).HasMaxLength(254);
        delivery.Property(d => d.Subject).HasMaxLength(EmailDelivery.MaxSubjectLength);
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        delivery.Property(d => d.SmtpMessageId).HasMaxLength(300);
        delivery.Property(d => d.Headers)
            .HasColumnType("jsonb")
            .HasConversion(
                headers => JsonSerializer.Serialize(headers, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    headers => headers.Aggregate(0, (hash, header) => HashCode.Combine(hash, header.Key, header.Value)),
                    headers => new Dictionary<string, string>(headers)));
        // The idempotency rule: one email per source event, recipient and template.
        delivery.HasIndex(d => new { d.SourceEventId, d.Recipient, d.Template }).IsUnique();
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.Recipient, d.CreatedAt });
        delivery.HasIndex(d => d.CreatedAt);
        // The workers' claim: due rows, urgent ones first.
        delivery.HasIndex(d => new { d.Priority, d.NextAttemptAt })
            .HasDatabaseName("IX_EmailDeliveries_Due")
            .HasFilter("\"State\" IN ('Queued', 'Retrying')");
    }
}
