using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Membership.Model;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Email;

namespace Platform.Membership.Infrastructure.EntityConfigurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.ToTable("Invitations");
        invitation.HasKey(i => i.Id);
        invitation.Property(i => i.Id).ValueGeneratedNever();
        invitation.Property(i => i.Email).HasMaxLength(Invitation.MaxEmailLength);
        invitation.Property(i => i.Rank).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.State).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.TokenHash).HasMaxLength(32);
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        // At most one stored-pending invitation per address and organization; a newer one supersedes a timed-out one.
        invitation.HasIndex(i => new { i.OrganizationId, i.Email }).IsUnique().HasFilter("\"State\" = 'Pending'");
        invitation.HasIndex(i => new { i.OrganizationId, i.CreatedAt });
        invitation.Property(i => i.FirstName).HasMaxLength(100);
        invitation.Property(i => i.LastName).HasMaxLength(100);
        invitation.Property(i => i.Language).HasMaxLength(Languages.MaxLength);
        invitation.Property(i => i.CustomFields).HasColumnType("jsonb").HasConversion(JsonColumns.Dictionary<string, string>(), JsonColumns.DictionaryComparer<string, string>());
        invitation.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationBatchConfiguration : IEntityTypeConfiguration<InvitationBatch>
{
    public void Configure(EntityTypeBuilder<InvitationBatch> batch)
    {
        batch.ToTable("InvitationBatches");
        batch.HasKey(b => b.Id);
        batch.Property(b => b.Id).ValueGeneratedNever();
        batch.Property(b => b.IdempotencyKey).HasMaxLength(InvitationBatch.MaxIdempotencyKeyLength);
        batch.Property(b => b.RequestHash).HasMaxLength(32);
        batch.Property(b => b.ResponseJson).HasColumnType("jsonb");
        batch.HasIndex(b => new { b.InvitedBy, b.IdempotencyKey }).IsUnique();
        batch.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
