using System.Text.Json;
using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Apis;

public sealed record SubjectResponse(string? ExternalId, string? Url);

public sealed record AssignmentResponse(int Step, Guid? ApproverId, string? ExternalEmail, string State, DateTimeOffset AssignedAt, DateTimeOffset? DecidedAt, string? Comment);

/// <summary>A request and where it stands. Step is 1-based; StepDeadline is when the current step expires.</summary>
public sealed record RequestResponse(
    Guid Id, Guid OrganizationId, string Type, string Title, string? Summary, SubjectResponse Subject, decimal? Amount, string? Currency,
    JsonElement? Details, Guid RequesterId, string? ExternalNominee, string State, int Step, int StepCount, string StepName,
    DateTimeOffset? StepDeadline, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, IReadOnlyList<AssignmentResponse> Assignments)
{
    public static RequestResponse From(ApprovalRequest r) => new(
        r.Id, r.OrganizationId, r.Type, r.Title, r.Summary, new SubjectResponse(r.SubjectId, r.SubjectUrl), r.Amount, r.Currency,
        r.Details is null ? null : JsonDocument.Parse(r.Details).RootElement.Clone(), r.RequesterId, r.ExternalNominee, States.Name(r.State),
        r.CurrentStep + 1, r.Steps.Count, r.Steps[r.CurrentStep].Name, r.StepDeadline, r.CreatedAt, r.ClosedAt,
        r.Assignments.OrderBy(a => a.Step).ThenBy(a => a.AssignedAt)
            .Select(a => new AssignmentResponse(a.Step + 1, a.ApproverId, a.ExternalEmail, States.Name(a.State), a.AssignedAt, a.DecidedAt, a.Comment)).ToList());
}

/// <summary>A pending approval waiting for the caller's decision.</summary>
public sealed record PendingApprovalResponse(
    Guid RequestId, Guid OrganizationId, string Type, string Title, decimal? Amount, string? Currency, Guid RequesterId,
    int Step, string StepName, DateTimeOffset? StepDeadline, DateTimeOffset AssignedAt);

public sealed record PendingApprovalPage(IReadOnlyList<PendingApprovalResponse> Items, string? NextCursor);

public sealed record HistoryEntryResponse(DateTimeOffset At, string Event, string? Actor, string? Detail);

/// <summary>A decision by an internal approver. Decision is approve or reject.</summary>
public sealed record DecisionInput(string? Decision, string? Comment);
