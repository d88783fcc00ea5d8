using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Infrastructure.EntityConfigurations;

internal sealed class InvitationLinkConfiguration : IEntityTypeConfiguration<InvitationLink>
{
    public void Configure(EntityTypeBuilder<InvitationLink> link)
    {
        link.ToTable("InvitationLinks");
        link.HasKey(l => l.InvitationId);
        link.Property(l => l.InvitationId).ValueGeneratedNever();
        link.Property(l => l.Email).HasMaxLength(EmailAddress.MaxLength);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.UserId);
        link.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
