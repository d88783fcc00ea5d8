using MassTransit;
using Platform.Contracts.Approvals;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model.Approvals;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.IntegrationEvents;

/// <summary>A membership.join request expired unanswered: the person may ask again. A redelivery deletes nothing more.</summary>
public sealed class JoinRequestExpiredConsumer(MembershipDbContext db, TimeProvider clock, ILogger<JoinRequestExpiredConsumer> logger)
    : IdempotentConsumer<ApprovalExpired, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ApprovalExpired message, ConsumeContext<ApprovalExpired> context)
    {
        if (message.Subject.Type != ApprovedGrant.Join) return;
        await JoinRequestClaims.Concluded(Db, message.OrganizationId, message.RequestId, message.RequesterId, context.CancellationToken);
    }
}

/// <summary>A membership.join request was cancelled (by its requester or an admin): the person may ask again.</summary>
public sealed class JoinRequestCancelledConsumer(MembershipDbContext db, TimeProvider clock, ILogger<JoinRequestCancelledConsumer> logger)
    : IdempotentConsumer<ApprovalCancelled, MembershipDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ApprovalCancelled message, ConsumeContext<ApprovalCancelled> context)
    {
        if (message.Subject.Type != ApprovedGrant.Join) return;
        // The event names who cancelled, not who asked: the subject says who asked.
        var requester = ApprovedGrant.Parse(message.Subject.Type, message.Subject.ExternalId).Grant?.UserId;
        await JoinRequestClaims.Concluded(Db, message.OrganizationId, message.RequestId, requester, context.CancellationToken);
    }
}
