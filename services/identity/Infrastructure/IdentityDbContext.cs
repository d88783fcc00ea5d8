using Microsoft.EntityFrameworkCore;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Identity.Infrastructure;

public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ClientApp> ClientApps => Set<ClientApp>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<InvitationLink> InvitationLinks => Set<InvitationLink>();
    public DbSet<KnownOrganization> Organizations => Set<KnownOrganization>();
    public DbSet<OrganizationMembership> OrganizationMemberships => Set<OrganizationMembership>();
    public DbSet<OrganizationRoleGrant> OrganizationRoleGrants => Set<OrganizationRoleGrant>();
    public DbSet<KnownRole> Roles => Set<KnownRole>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        // OpenIddict's applications, authorizations, scopes and tokens (the OpenID provider's stores).
        modelBuilder.UseOpenIddict();
    }
}
