using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Membership.Model;
using Platform.Membership.Model.Imports;
using Platform.ServiceDefaults.Email;

namespace Platform.Membership.Infrastructure.EntityConfigurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.ToTable("ImportJobs");
        job.HasKey(j => j.Id);
        job.Property(j => j.Id).ValueGeneratedNever();
        job.Property(j => j.IdempotencyKey).HasMaxLength(ImportJob.MaxIdempotencyKeyLength);
        job.HasIndex(j => new { j.CreatedBy, j.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        job.HasIndex(j => new { j.OrganizationId, j.CreatedAt });
        // The worker's question: which committed jobs wait for a worker?
        job.HasIndex(j => j.State).HasFilter("\"State\" = 'Committing'");
        job.Property(j => j.FileHash).HasMaxLength(32);
        job.Property(j => j.State).HasConversion<string>().HasMaxLength(20);
        job.Property(j => j.Mode).HasConversion<string>().HasMaxLength(20);
        job.Property(j => j.DefaultRank).HasConversion<string>().HasMaxLength(20);
        job.Property(j => j.CommitterRank).HasConversion<string>().HasMaxLength(20);
        job.Property(j => j.Mapping).HasColumnType("jsonb").HasConversion(JsonColumns.Dictionary<string, string>(), JsonColumns.DictionaryComparer<string, string>());
        job.Property(j => j.Verdicts).HasColumnType("jsonb").HasConversion(JsonColumns.Dictionary<string, int>(), JsonColumns.DictionaryComparer<string, int>());
        job.HasOne<Organization>().WithMany().HasForeignKey(j => j.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> file)
    {
        file.ToTable("ImportFiles");
        file.HasKey(f => f.ImportId);
        file.HasOne<ImportJob>().WithOne().HasForeignKey<ImportFile>(f => f.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public void Configure(EntityTypeBuilder<ImportRow> row)
    {
        row.ToTable("ImportRows");
        row.HasKey(r => new { r.ImportId, r.RowNumber });
        row.HasIndex(r => new { r.ImportId, r.Verdict, r.RowNumber });
        row.Property(r => r.Email).HasMaxLength(254);
        row.Property(r => r.FirstName).HasMaxLength(ImportPlanner.MaxNameLength);
        row.Property(r => r.LastName).HasMaxLength(ImportPlanner.MaxNameLength);
        row.Property(r => r.Rank).HasConversion<string>().HasMaxLength(20);
        row.Property(r => r.Verdict).HasMaxLength(30);
        row.Property(r => r.Language).HasMaxLength(Languages.MaxLength);
        row.Property(r => r.CustomFields).HasColumnType("jsonb").HasConversion(JsonColumns.Dictionary<string, string>(), JsonColumns.DictionaryComparer<string, string>());
        row.HasOne<ImportJob>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
