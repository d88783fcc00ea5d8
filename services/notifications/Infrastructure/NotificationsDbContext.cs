using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notifications.Infrastructure;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<EmailDelivery> Deliveries => Set<EmailDelivery>();
    public DbSet<SmtpAcceptance> SmtpAcceptances => Set<SmtpAcceptance>();
    public DbSet<NotificationPreferences> Preferences => Set<NotificationPreferences>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<DirectoryUser> DirectoryUsers => Set<DirectoryUser>();
    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();
    public DbSet<ArchivedOrganization> ArchivedOrganizations => Set<ArchivedOrganization>();
    public DbSet<ApprovalRequester> ApprovalRequesters => Set<ApprovalRequester>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NotificationsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
