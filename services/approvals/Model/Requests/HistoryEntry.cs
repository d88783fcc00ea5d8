namespace Platform.Approvals.Model.Requests;

/// <summary>One line of a request's history: created, assigned, viewed, decided, escalated, reassigned, …</summary>
/// <remarks>Sequence numbers the entries of one request in the order they happened.</remarks>
public sealed record HistoryEntry(DateTimeOffset At, string Event, string? Actor, string? Detail = null, int Sequence = 0);
