namespace Platform.Approvals.Model.Requests;

/// <summary>One approver asked to decide one step of a request.</summary>
public sealed class Assignment
{
    public Guid Id { get; private set; }
    public int Step { get; private set; }
    public Guid? ApproverId { get; private set; }
    public string? ExternalEmail { get; private set; }
    public AssignmentState State { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Comment { get; private set; }
    /// <summary>Where the decision came from (the client's address and user agent), for the record.</summary>
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    private Assignment() { }

    public static Assignment To(ApproverRef approver, int step, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Step = step,
        ApproverId = approver.UserId,
        ExternalEmail = approver.ExternalEmail,
        State = AssignmentState.Pending,
        AssignedAt = now,
    };

    public ApproverRef Approver => new(ApproverId, ExternalEmail);

    public bool Is(ApproverRef approver) =>
        approver.UserId is { } id ? ApproverId == id : string.Equals(ExternalEmail, approver.ExternalEmail, StringComparison.OrdinalIgnoreCase);

    internal void Decide(bool approve, string? comment, DateTimeOffset now, DecisionOrigin? origin)
    {
        ClientAddress = origin?.ClientAddress;
        UserAgent = origin?.UserAgent;
        State = approve ? AssignmentState.Approved : AssignmentState.Rejected;
        Comment = comment;
        DecidedAt = now;
    }

    internal void Withdraw(DateTimeOffset now)
    {
        if (State != AssignmentState.Pending) return;
        State = AssignmentState.Withdrawn;
        DecidedAt = now;
    }
}

/// <summary>Where a decision was made from: the client's address and user agent.</summary>
public sealed record DecisionOrigin(string? ClientAddress, string? UserAgent);
