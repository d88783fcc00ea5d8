using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Membership.Model;
using Platform.Membership.Model.Groups;

namespace Platform.Membership.Infrastructure.EntityConfigurations;

internal sealed class MessageGroupConfiguration : IEntityTypeConfiguration<MessageGroup>
{
    public void Configure(EntityTypeBuilder<MessageGroup> group)
    {
        group.ToTable("MessageGroups");
        group.HasKey(g => g.Id);
        group.Property(g => g.Id).ValueGeneratedNever();
        group.Property(g => g.Name).HasMaxLength(MessageGroup.MaxNameLength);
        group.Property(g => g.NormalizedName).HasMaxLength(MessageGroup.MaxNameLength);
        group.HasIndex(g => new { g.OrganizationId, g.NormalizedName }).IsUnique();
        group.Property(g => g.Description).HasMaxLength(MessageGroup.MaxDescriptionLength);
        group.Property(g => g.Kind).HasConversion<string>().HasMaxLength(20);
        group.Property(g => g.RuleType).HasConversion<string>().HasMaxLength(20);
        group.Property(g => g.RuleRank).HasConversion<string>().HasMaxLength(20);
        group.Ignore(g => g.Rule);
        group.HasOne<Organization>().WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // A unit that an automatic group follows is not deleted until the group's rule changes.
        group.HasOne<Unit>().WithMany().HasForeignKey(g => g.RuleUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> member)
    {
        member.ToTable("GroupMembers");
        member.HasKey(m => new { m.GroupId, m.UserId });
        member.HasOne<MessageGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        // Leaving the organization leaves its groups.
        member.HasOne<Member>().WithMany().HasForeignKey(m => new { m.OrganizationId, m.UserId })
            .HasPrincipalKey(m => new { m.OrganizationId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GroupPostConfiguration : IEntityTypeConfiguration<GroupPost>
{
    public void Configure(EntityTypeBuilder<GroupPost> post)
    {
        post.ToTable("GroupPosts");
        post.HasKey(p => p.Id);
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.Subject).HasMaxLength(GroupPost.MaxSubjectLength);
        post.Property(p => p.IdempotencyKey).HasMaxLength(GroupPost.MaxIdempotencyKeyLength);
        post.HasIndex(p => new { p.AuthorId, p.IdempotencyKey }).IsUnique();
        post.HasOne<MessageGroup>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
