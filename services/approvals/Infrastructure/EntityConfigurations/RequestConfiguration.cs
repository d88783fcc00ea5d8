using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Infrastructure.EntityConfigurations;

internal sealed class PolicyConfiguration : IEntityTypeConfiguration<ApprovalPolicy>
{
    public void Configure(EntityTypeBuilder<ApprovalPolicy> policy)
    {
        policy.ToTable("Policies");
        policy.HasKey(p => new { p.OrganizationId, p.RequestType });
        policy.Property(p => p.RequestType).HasMaxLength(100);
        policy.Property(p => p.Steps).HasColumnType("jsonb")
            .HasConversion(JsonColumn.Converter<IReadOnlyList<PolicyStep>>(), JsonColumn.Comparer<IReadOnlyList<PolicyStep>>());
        policy.Property(p => p.ExternalDomains).HasColumnType("jsonb")
            .HasConversion(JsonColumn.Converter<IReadOnlyList<string>?>(), JsonColumn.Comparer<IReadOnlyList<string>?>());
        policy.Property(p => p.Currency).HasMaxLength(3);
        policy.Property(p => p.Escalation).HasConversion<string>().HasMaxLength(30);
        policy.Ignore(p => p.Expiry);
    }
}

internal sealed class RequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> request)
    {
        request.ToTable("Requests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).ValueGeneratedNever();
        request.HasIndex(r => new { r.OrganizationId, r.CreatedAt });
        request.HasIndex(r => r.RequesterId);
        request.HasIndex(r => r.StepDeadline).HasFilter("\"State\" = 'Pending'");
        request.Property(r => r.Type).HasMaxLength(100);
        request.Property(r => r.Title).HasMaxLength(200);
        request.Property(r => r.Summary).HasMaxLength(2000);
        request.Property(r => r.SubjectId).HasMaxLength(200);
        request.Property(r => r.SubjectUrl).HasMaxLength(2000);
        request.Property(r => r.Currency).HasMaxLength(3);
        request.Property(r => r.Details).HasColumnType("jsonb");
        request.Property(r => r.ExternalNominee).HasMaxLength(254);
        request.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        request.Property(r => r.Escalation).HasConversion<string>().HasMaxLength(30);
        request.Property(r => r.Steps).HasColumnType("jsonb")
            .HasConversion(JsonColumn.Converter<List<PolicyStep>>(), JsonColumn.Comparer<List<PolicyStep>>());
        request.Property(r => r.Revision).IsConcurrencyToken();
        request.Ignore(r => r.PendingAssignments);

        request.OwnsMany(r => r.Assignments, assignment =>
        {
            assignment.ToTable("Assignments");
            assignment.WithOwner().HasForeignKey("RequestId");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.Id).ValueGeneratedNever();
            assignment.HasIndex(a => new { a.ApproverId, a.State });
            assignment.Property(a => a.ExternalEmail).HasMaxLength(254);
            assignment.Property(a => a.State).HasConversion<string>().HasMaxLength(20);
            assignment.Property(a => a.Comment).HasMaxLength(2000);
            assignment.Property(a => a.ClientAddress).HasMaxLength(64);
            assignment.Property(a => a.UserAgent).HasMaxLength(500);
            assignment.Ignore(a => a.Approver);
        });
        request.Navigation(r => r.Assignments).AutoInclude();

        request.OwnsMany(r => r.History, entry =>
        {
            entry.ToTable("History");
            entry.WithOwner().HasForeignKey("RequestId");
            entry.Property<long>("Id").UseIdentityAlwaysColumn();
            entry.HasKey("Id");
            entry.Property(h => h.Event).HasMaxLength(40);
            entry.Property(h => h.Actor).HasMaxLength(254);
            entry.Property(h => h.Detail).HasMaxLength(500);
        });
        request.Navigation(r => r.History).AutoInclude();
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<RequestSubmission>
{
    public void Configure(EntityTypeBuilder<RequestSubmission> submission)
    {
        submission.ToTable("Submissions");
        submission.HasKey(s => new { s.RequesterId, s.IdempotencyKey });
        submission.Property(s => s.IdempotencyKey).HasMaxLength(RequestSubmission.MaxKeyLength);
    }
}
