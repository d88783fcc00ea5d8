using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Membership.Model;

namespace Platform.Membership.Infrastructure.EntityConfigurations;

internal sealed class DirectoryUserConfiguration : IEntityTypeConfiguration<DirectoryUser>
{
    public void Configure(EntityTypeBuilder<DirectoryUser> user)
    {
        user.ToTable("DirectoryUsers");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(254);
        user.HasIndex(u => u.Email);
        user.Property(u => u.FirstName).HasMaxLength(100);
        user.Property(u => u.LastName).HasMaxLength(100);
        // The members list's order (last name, first name): the first page walks this index instead of sorting everyone.
        user.HasIndex(u => new { u.LastName, u.FirstName, u.Id });
        // The members search (a prefix of the email or a name, any case) uses trigram indexes made in the
        // MembersListIndexes migration: one per column and one on "first last", which EF cannot express.
    }
}
