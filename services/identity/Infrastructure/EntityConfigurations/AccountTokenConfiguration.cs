using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Infrastructure.EntityConfigurations;

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountToken>
{
    public void Configure(EntityTypeBuilder<AccountToken> token)
    {
        token.ToTable("AccountTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).ValueGeneratedNever();
        token.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(20);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.NewEmail).HasMaxLength(EmailAddress.MaxLength);
        token.HasIndex(t => new { t.UserId, t.Purpose });
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
