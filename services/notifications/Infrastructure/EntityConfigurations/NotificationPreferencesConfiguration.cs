using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Notifications.Model;

namespace Platform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class NotificationPreferencesConfiguration : IEntityTypeConfiguration<NotificationPreferences>
{
    public void Configure(EntityTypeBuilder<NotificationPreferences> preferences)
    {
        preferences.ToTable("NotificationPreferences");
        preferences.HasKey(p => p.UserId);
        preferences.Property(p => p.UserId).ValueGeneratedNever();
    }
}
