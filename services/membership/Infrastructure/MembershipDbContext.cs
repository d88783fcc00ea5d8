using Microsoft.EntityFrameworkCore;
using Platform.Membership.Model;
using Platform.Membership.Model.Groups;
using Platform.Membership.Model.Imports;
using Platform.Membership.Model.Invitations;
using Platform.Membership.Model.JoinRequests;
using Platform.Membership.Model.Roles;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Infrastructure;

public sealed class MembershipDbContext(DbContextOptions<MembershipDbContext> options) : DbContext(options)
{
    public DbSet<DirectoryUser> Users => Set<DirectoryUser>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<OwnershipLimit> OwnershipLimits => Set<OwnershipLimit>();
    public DbSet<PermissionDefinition> PermissionDefinitions => Set<PermissionDefinition>();
    public DbSet<CustomRole> CustomRoles => Set<CustomRole>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<UnitRoleGrant> UnitRoleGrants => Set<UnitRoleGrant>();
    public DbSet<OrganizationPermission> OrganizationPermissions => Set<OrganizationPermission>();
    public DbSet<MessageGroup> MessageGroups => Set<MessageGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<GroupPost> GroupPosts => Set<GroupPost>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<InvitationBatch> InvitationBatches => Set<InvitationBatch>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportRow> ImportRows => Set<ImportRow>();
    public DbSet<PendingJoinRequest> PendingJoinRequests => Set<PendingJoinRequest>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes for the members search (MembersListIndexes).
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MembershipDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
