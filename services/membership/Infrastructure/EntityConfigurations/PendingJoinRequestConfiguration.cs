using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Membership.Model;
using Platform.Membership.Model.JoinRequests;

namespace Platform.Membership.Infrastructure.EntityConfigurations;

internal sealed class PendingJoinRequestConfiguration : IEntityTypeConfiguration<PendingJoinRequest>
{
    public void Configure(EntityTypeBuilder<PendingJoinRequest> request)
    {
        request.ToTable("PendingJoinRequests");
        request.HasKey(r => r.Id);
        request.Property(r => r.Id).ValueGeneratedNever();
        // One pending request per person and organization, whatever races: the second insert fails.
        request.HasIndex(r => new { r.OrganizationId, r.UserId }).IsUnique();
        request.HasIndex(r => r.RequestId);
        request.Property(r => r.IdempotencyKey).HasMaxLength(PendingJoinRequest.MaxIdempotencyKeyLength);
        request.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}
