using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.External;
using Platform.Approvals.Model.Requests;
using Platform.Contracts.Approvals;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Approvals.Application;

/// <summary>What a request looked like before a change, to tell afterwards who was newly asked and whether it closed.</summary>
public sealed record RequestBefore(IReadOnlySet<Guid> AssignmentIds, RequestState State)
{
    public static RequestBefore Of(ApprovalRequest? request) =>
        new(request?.Assignments.Select(a => a.Id).ToHashSet() ?? [], request?.State ?? RequestState.Pending);
}

/// <summary>
/// Turns what changed on a request into integration events, staged in the outbox so they commit with
/// the change: the newly asked approvers (with the addresses and names the emails need), a one-time
/// link for a newly asked external approver, and the outcome when the request closed.
/// </summary>
public sealed class RequestEventPublisher(ApprovalsDbContext db, IEventOutbox outbox)
{
    public const string Requested = "requested";
    public const string StepReached = "step";
    public const string Escalated = "escalated";
    public const string Reassigned = "reassigned";

    /// <param name="reason">Why new approvers may have been asked: <see cref="Requested"/> for a new request, else a reason of <see cref="ApprovalStepAdvanced"/> (null: the next step).</param>
    public async Task PublishAsync(ApprovalRequest request, RequestBefore before, string? reason, Guid? actorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = SubjectOf(request);
        var fresh = request.Assignments.Where(a => !before.AssignmentIds.Contains(a.Id) && a.State == AssignmentState.Pending).ToList();
        var people = await PeopleAsync(fresh.Select(a => a.ApproverId).Append(request.RequesterId)
            .Concat(request.Assignments.Select(a => a.ApproverId)), cancellationToken);
        var recipients = fresh.Where(a => a.ApproverId is not null)
            .Select(a => people.TryGetValue(a.ApproverId!.Value, out var p) ? new ApprovalRecipient(a.ApproverId, p.Email, p.FirstName) : new ApprovalRecipient(a.ApproverId, "", ""))
            .ToList();
        var expiresAt = request.StepDeadline ?? now;

        if (reason == Requested)
        {
            outbox.Add(new ApprovalRequested(request.OrganizationId, request.Id, subject, request.RequesterId, NameOf(people, request.RequesterId),
                request.CurrentStep + 1, request.Steps.Count, recipients, expiresAt, now));
        }
        else if (fresh.Count > 0)
        {
            outbox.Add(new ApprovalStepAdvanced(request.OrganizationId, request.Id, subject, reason ?? StepReached, request.CurrentStep + 1, request.Steps.Count, recipients, expiresAt, now));
        }

        foreach (var external in fresh.Where(a => a.ExternalEmail is not null))
            await IssueLinkAsync(request, external.ExternalEmail!, now, cancellationToken);

        if (before.State == RequestState.Pending && request.State != RequestState.Pending)
            PublishOutcome(request, subject, people, actorId, now);
    }

    /// <summary>A new one-time link for the request's external approver; every earlier link of the request stops working.</summary>
    public async Task IssueLinkAsync(ApprovalRequest request, string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var earlier in await db.ExternalLinks.Where(l => l.RequestId == request.Id && l.VoidedAt == null).ToListAsync(cancellationToken))
            earlier.Void(now);
        var (link, token) = ExternalApprovalLink.Issue(request.Id, request.OrganizationId, email, now, request.StepDeadline ?? now + request.StepExpiry);
        db.ExternalLinks.Add(link);
        var organizationName = await db.Organizations.Where(o => o.Id == request.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        var people = await PeopleAsync([request.RequesterId], cancellationToken);
        outbox.Add(new ExternalApprovalLinkIssued(request.OrganizationId, request.Id, SubjectOf(request), organizationName,
            NameOf(people, request.RequesterId), email, token, link.ExpiresAt, now));
    }

    private void PublishOutcome(ApprovalRequest request, ApprovalSubject subject, Dictionary<Guid, Person> people, Guid? actorId, DateTimeOffset now)
    {
        var requester = people.GetValueOrDefault(request.RequesterId) ?? new Person("", "", "");
        switch (request.State)
        {
            case RequestState.Approved or RequestState.Rejected:
                // The decision that closed the request is the actor's; by time alone, two decisions in the same
                // instant would be a toss-up. External approvers have no account: theirs is then the latest.
                var decisions = request.Assignments.Where(a => a.State is AssignmentState.Approved or AssignmentState.Rejected).ToList();
                var decider = decisions.FirstOrDefault(a => actorId is not null && a.ApproverId == actorId) ?? decisions.MaxBy(a => a.DecidedAt);
                var automatic = decider is null;
                var deciderEmail = decider?.ExternalEmail ?? (decider?.ApproverId is { } id ? people.GetValueOrDefault(id)?.Email : null);
                outbox.Add(new ApprovalDecided(request.OrganizationId, request.Id, subject, request.State == RequestState.Approved ? "approved" : "rejected",
                    automatic, decider?.ApproverId, deciderEmail, decider?.Comment, request.RequesterId, requester.Email, requester.FirstName, request.ClosedAt ?? now));
                break;
            case RequestState.Cancelled:
                outbox.Add(new ApprovalCancelled(request.OrganizationId, request.Id, subject, actorId ?? request.RequesterId, request.ClosedAt ?? now));
                break;
            case RequestState.Expired:
                outbox.Add(new ApprovalExpired(request.OrganizationId, request.Id, subject, request.RequesterId, requester.Email, requester.FirstName, request.ClosedAt ?? now));
                break;
        }
    }

    public static ApprovalSubject SubjectOf(ApprovalRequest r) => new(r.Type, r.Title, r.Summary, r.SubjectId, r.SubjectUrl, r.Amount, r.Currency);

    private async Task<Dictionary<Guid, Person>> PeopleAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return await db.Approvers.AsNoTracking().Where(a => wanted.Contains(a.UserId))
            .ToDictionaryAsync(a => a.UserId, a => new Person(a.Email, a.FirstName, a.DisplayName), cancellationToken);
    }

    private static string NameOf(Dictionary<Guid, Person> people, Guid userId) =>
        people.GetValueOrDefault(userId)?.DisplayName is { Length: > 0 } name ? name.Trim() : "A colleague";

    private sealed record Person(string Email, string FirstName, string DisplayName);
}
