namespace Platform.Approvals.Model.Requests;

/// <summary>One line of a request's history: created, assigned, viewed, decided, escalated, reassigned, …</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Event, string? Actor, string? Detail = null);
