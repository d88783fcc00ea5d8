using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Approvals.Model.External;

namespace Platform.Approvals.Infrastructure.EntityConfigurations;

internal sealed class ExternalLinkConfiguration : IEntityTypeConfiguration<ExternalApprovalLink>
{
    public void Configure(EntityTypeBuilder<ExternalApprovalLink> link)
    {
        link.ToTable("ExternalLinks");
        link.HasKey(l => l.Id);
        link.Property(l => l.Id).ValueGeneratedNever();
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.RequestId);
        link.Property(l => l.Email).HasMaxLength(254);
        // Two simultaneous first views, or two posts of one form: only one may commit.
        link.Property(l => l.ViewedAt).IsConcurrencyToken();
        link.Property(l => l.UsedAt).IsConcurrencyToken();
    }
}
