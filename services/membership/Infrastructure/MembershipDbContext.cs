using Microsoft.EntityFrameworkCore;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Infrastructure;

public sealed class MembershipDbContext(DbContextOptions<MembershipDbContext> options) : DbContext(options)
{
    public DbSet<DirectoryUser> Users => Set<DirectoryUser>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<OwnershipLimit> OwnershipLimits => Set<OwnershipLimit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MembershipDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
