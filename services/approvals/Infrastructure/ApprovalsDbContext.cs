using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Model;
using Platform.Approvals.Model.Directory;
using Platform.Approvals.Model.External;
using Platform.Approvals.Model.Requests;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.Infrastructure;

public sealed class ApprovalsDbContext(DbContextOptions<ApprovalsDbContext> options) : DbContext(options)
{
    public DbSet<Approver> Approvers => Set<Approver>();
    public DbSet<OrganizationCopy> Organizations => Set<OrganizationCopy>();
    public DbSet<MemberCopy> Members => Set<MemberCopy>();
    public DbSet<UnitCopy> Units => Set<UnitCopy>();
    public DbSet<UnitMembership> UnitMemberships => Set<UnitMembership>();
    public DbSet<RoleHolding> RoleHoldings => Set<RoleHolding>();
    public DbSet<UnitRoleHolding> UnitRoleHoldings => Set<UnitRoleHolding>();
    public DbSet<RoleCopy> Roles => Set<RoleCopy>();
    public DbSet<ApprovalPolicy> Policies => Set<ApprovalPolicy>();
    public DbSet<ApprovalRequest> Requests => Set<ApprovalRequest>();
    public DbSet<RequestSubmission> Submissions => Set<RequestSubmission>();
    public DbSet<ExternalApprovalLink> ExternalLinks => Set<ExternalApprovalLink>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApprovalsDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
    }
}
