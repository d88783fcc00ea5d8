using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingModel
{
    /// <summary>Adds the outbox and inbox tables to a service's own model (and so to its migrations).</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("OutboxMessages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).UseIdentityAlwaysColumn();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.Property(m => m.MessageType).HasMaxLength(500);
            outbox.Property(m => m.Body).HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasMaxLength(128);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            // The dispatcher's only query: unsent rows that are due, oldest first.
            outbox.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("\"SentAt\" IS NULL");
        });

        model.Entity<InboxRecord>(inbox =>
        {
            inbox.ToTable("InboxRecords");
            inbox.HasKey(r => new { r.MessageId, r.Consumer });
            inbox.Property(r => r.Consumer).HasMaxLength(200);
            inbox.HasIndex(r => r.ProcessedAt);
        });
        return model;
    }
}
