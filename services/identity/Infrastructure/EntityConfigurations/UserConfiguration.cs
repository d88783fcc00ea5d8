using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Infrastructure.EntityConfigurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("Users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(EmailAddress.MaxLength);
        // Emails are stored lowercased, so a plain unique index is case-insensitive uniqueness.
        user.HasIndex(u => u.Email).IsUnique();
        user.Property(u => u.FirstName).HasMaxLength(PersonName.MaxLength);
        user.Property(u => u.LastName).HasMaxLength(PersonName.MaxLength);
        user.Property(u => u.Language).HasMaxLength(Languages.MaxLength);
        user.Property(u => u.PasswordHash).HasMaxLength(200);
        user.Property(u => u.State).HasConversion<string>().HasMaxLength(20);
        user.Property(u => u.StateBeforeArchive).HasConversion<string>().HasMaxLength(20);
        // Encrypted (TotpSecretProtection): a Data Protection payload of a 32-character secret, with room to spare.
        user.Property(u => u.TwoFactorSecret).HasMaxLength(512);
        user.Property(u => u.PendingTwoFactorSecret).HasMaxLength(512);
        user.Ignore(u => u.TwoFactorEnabled);
        user.HasIndex(u => new { u.State, u.CreatedAt });
        user.HasIndex(u => u.LastLoginAt);
        // Lowercase name prefixes for the administrators' search.
        user.HasIndex(u => u.LastName);
    }
}
