using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Approvals.Model;

namespace Platform.Approvals.Infrastructure.EntityConfigurations;

internal sealed class ApproverConfiguration : IEntityTypeConfiguration<Approver>
{
    public void Configure(EntityTypeBuilder<Approver> approver)
    {
        approver.ToTable("Approvers");
        approver.HasKey(a => a.UserId);
        approver.Property(a => a.UserId).ValueGeneratedNever();
        approver.Property(a => a.Email).HasMaxLength(254);
        approver.Property(a => a.DisplayName).HasMaxLength(201);
        approver.Property(a => a.FirstName).HasMaxLength(100);
        approver.Property(a => a.AccountState).HasMaxLength(20);
    }
}
