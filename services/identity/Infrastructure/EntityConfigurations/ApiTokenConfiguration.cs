using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Identity.Model;

namespace Platform.Identity.Infrastructure.EntityConfigurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("ApiTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).ValueGeneratedNever();
        token.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength);
        token.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        token.Property(t => t.TokenHash).HasMaxLength(64);
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.HasIndex(t => t.UserId);
        token.HasIndex(t => t.ClientAppId);
        token.Ignore(t => t.KindName);
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasOne<ClientApp>().WithMany().HasForeignKey(t => t.ClientAppId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClientAppConfiguration : IEntityTypeConfiguration<ClientApp>
{
    public void Configure(EntityTypeBuilder<ClientApp> app)
    {
        app.ToTable("ClientApps");
        app.HasKey(a => a.Id);
        app.Property(a => a.Id).ValueGeneratedNever();
        app.Property(a => a.Name).HasMaxLength(ClientApp.MaxNameLength);
        app.HasIndex(a => a.OrganizationId);
    }
}
