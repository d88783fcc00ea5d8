namespace Platform.Approvals.Model.Requests;

public enum RequestState
{
    Pending,
    Approved,
    Rejected,
    Cancelled,
    Expired,
}

public enum AssignmentState
{
    Pending,
    Approved,
    Rejected,
    /// <summary>No longer asked: the step ended, was escalated, or the approver lost the right to decide.</summary>
    Withdrawn,
}
