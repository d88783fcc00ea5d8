using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.Infrastructure;

public sealed class ApprovalsDbContext(DbContextOptions<ApprovalsDbContext> options) : DbContext(options)
{
    public DbSet<Approver> Approvers => Set<Approver>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApprovalsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
