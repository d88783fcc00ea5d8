using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Approvals;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.Notifications.Templates;

namespace Platform.Notifications.IntegrationEvents;

/// <summary>A new request: one email to each internal approver of its first step.</summary>
public sealed class ApprovalRequestedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<ApprovalRequestedConsumer> logger)
    : EmailConsumer<ApprovalRequested>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(ApprovalRequested message, ConsumeContext<ApprovalRequested> context)
    {
        if (!await Db.ApprovalRequesters.AnyAsync(r => r.RequestId == message.RequestId, context.CancellationToken))
        {
            Db.ApprovalRequesters.Add(new ApprovalRequester(message.RequestId, message.RequesterId, message.RequesterName, message.RequestedAt));
        }

        foreach (var approver in message.Approvers.DistinctBy(a => EmailDelivery.NormalizeAddress(a.Email)))
        {
            await QueueAsync(context, EmailTemplates.ApprovalRequested, approver.Email, new ApprovalRequestModel(
                approver.FirstName, message.RequesterName, message.Subject.Title, ApprovalEmails.Summary(message.Subject),
                ApprovalEmails.Amount(message.Subject), message.Step, message.StepCount, Escalated: false, Reassigned: false,
                links.ApprovalRequest(message.RequestId), message.ExpiresAt));
        }
    }
}

/// <summary>
/// The request reached new approvers (next step, escalation, reassignment): one email to each of them.
/// The event does not name the requester; the name comes from the request's <see cref="ApprovalRequested"/>
/// when this service saw it, and is left out otherwise.
/// </summary>
public sealed class ApprovalStepAdvancedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<ApprovalStepAdvancedConsumer> logger)
    : EmailConsumer<ApprovalStepAdvanced>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(ApprovalStepAdvanced message, ConsumeContext<ApprovalStepAdvanced> context)
    {
        var requesterName = await Db.ApprovalRequesters.Where(r => r.RequestId == message.RequestId && r.RequesterName != "")
            .Select(r => r.RequesterName).FirstOrDefaultAsync(context.CancellationToken);
        foreach (var approver in message.Approvers.DistinctBy(a => EmailDelivery.NormalizeAddress(a.Email)))
        {
            await QueueAsync(context, EmailTemplates.ApprovalRequested, approver.Email, new ApprovalRequestModel(
                approver.FirstName, requesterName, message.Subject.Title, ApprovalEmails.Summary(message.Subject),
                ApprovalEmails.Amount(message.Subject), message.Step, message.StepCount,
                Escalated: message.Reason == "escalated", Reassigned: message.Reason == "reassigned",
                links.ApprovalRequest(message.RequestId), message.ExpiresAt));
        }
    }
}

/// <summary>An external approver's one-time link; the stored copy loses its secret once sent.</summary>
public sealed class ExternalApprovalLinkIssuedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<ExternalApprovalLinkIssuedConsumer> logger)
    : EmailConsumer<ExternalApprovalLinkIssued>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(ExternalApprovalLinkIssued message, ConsumeContext<ExternalApprovalLinkIssued> context)
    {
        await QueueAsync(context, EmailTemplates.ExternalApproval, message.Email, new ExternalApprovalModel(
            message.OrganizationName, message.RequesterName, message.Subject.Title, ApprovalEmails.Summary(message.Subject),
            ApprovalEmails.Amount(message.Subject), links.ExternalApproval(message.Token), message.ExpiresAt));
    }
}

/// <summary>Tells the requester the outcome, who decided (or that it was automatic) and their comment.</summary>
public sealed class ApprovalDecidedConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<ApprovalDecidedConsumer> logger)
    : EmailConsumer<ApprovalDecided>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(ApprovalDecided message, ConsumeContext<ApprovalDecided> context)
    {
        await QueueAsync(context, EmailTemplates.ApprovalDecided, message.RequesterEmail, new ApprovalDecidedModel(
            message.RequesterFirstName, message.Subject.Title, ApprovalEmails.Summary(message.Subject), ApprovalEmails.Amount(message.Subject),
            Approved: message.Outcome == "approved", message.Automatic,
            message.Automatic || string.IsNullOrWhiteSpace(message.DeciderEmail) ? null : message.DeciderEmail,
            string.IsNullOrWhiteSpace(message.Comment) ? null : message.Comment,
            links.ApprovalRequest(message.RequestId), message.DecidedAt));
    }
}

/// <summary>Tells the requester the request ran out of time with nobody left to escalate to.</summary>
public sealed class ApprovalExpiredConsumer(
    NotificationsDbContext db, TimeProvider clock, EmailQueue emails, EmailLinks links,
    ILogger<ApprovalExpiredConsumer> logger)
    : EmailConsumer<ApprovalExpired>(db, clock, emails, logger)
{
    protected override async Task HandleAsync(ApprovalExpired message, ConsumeContext<ApprovalExpired> context)
    {
        await QueueAsync(context, EmailTemplates.ApprovalExpired, message.RequesterEmail, new ApprovalExpiredModel(
            message.RequesterFirstName, message.Subject.Title, ApprovalEmails.Summary(message.Subject), ApprovalEmails.Amount(message.Subject),
            links.ApprovalRequest(message.RequestId), message.ExpiredAt));
    }
}
