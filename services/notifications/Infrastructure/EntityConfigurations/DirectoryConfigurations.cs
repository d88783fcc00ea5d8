using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Notifications.Model;

namespace Platform.Notifications.Infrastructure.EntityConfigurations;

internal sealed class DirectoryUserConfiguration : IEntityTypeConfiguration<DirectoryUser>
{
    public void Configure(EntityTypeBuilder<DirectoryUser> user)
    {
        user.ToTable("DirectoryUsers");
        user.HasKey(u => u.UserId);
        user.Property(u => u.UserId).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(254);
        user.Property(u => u.FirstName).HasMaxLength(200);
        user.Property(u => u.Locale).HasMaxLength(35);
        user.Ignore(u => u.Addresses);
        user.HasIndex(u => u.Email);
    }
}

internal sealed class OrganizationMemberConfiguration : IEntityTypeConfiguration<OrganizationMember>
{
    public void Configure(EntityTypeBuilder<OrganizationMember> member)
    {
        member.ToTable("OrganizationMembers");
        member.HasKey(m => new { m.OrganizationId, m.UserId });
        member.Property(m => m.Rank).HasMaxLength(50);
        member.Ignore(m => m.IsAdministrator);
    }
}

internal sealed class ArchivedOrganizationConfiguration : IEntityTypeConfiguration<ArchivedOrganization>
{
    public void Configure(EntityTypeBuilder<ArchivedOrganization> organization)
    {
        organization.ToTable("ArchivedOrganizations");
        organization.HasKey(o => o.OrganizationId);
        organization.Property(o => o.OrganizationId).ValueGeneratedNever();
    }
}

internal sealed class ApprovalRequesterConfiguration : IEntityTypeConfiguration<ApprovalRequester>
{
    public void Configure(EntityTypeBuilder<ApprovalRequester> requester)
    {
        requester.ToTable("ApprovalRequesters");
        requester.HasKey(r => r.RequestId);
        requester.Property(r => r.RequestId).ValueGeneratedNever();
        requester.Property(r => r.RequesterName).HasMaxLength(ApprovalRequester.MaxNameLength);
        requester.HasIndex(r => r.RequesterId);
    }
}
