using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Model;

namespace Platform.Identity.Infrastructure.EntityConfigurations;

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> code)
    {
        code.ToTable("RecoveryCodes");
        code.HasKey(c => c.Id);
        code.Property(c => c.Id).ValueGeneratedNever();
        code.Property(c => c.CodeHash).HasMaxLength(64);
        code.HasIndex(c => new { c.UserId, c.CodeHash });
        code.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
