namespace Platform.Approvals.Model.Requests;

/// <summary>
/// A request for approval and everything that happens to it. The steps are copied from the policy
/// when the request is made, so changing a policy never changes requests already under way. Every
/// rule is here: nobody approves their own request, N of M per step, ordered steps, rejection ends
/// the request, expiry escalates, and no pending step is ever left without an approver.
/// </summary>
public sealed class ApprovalRequest
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Type { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Summary { get; private set; }
    public string? SubjectId { get; private set; }
    public string? SubjectUrl { get; private set; }
    public decimal? Amount { get; private set; }
    public string? Currency { get; private set; }
    public string? Details { get; private set; }
    public Guid RequesterId { get; private set; }
    public string? ExternalNominee { get; private set; }
    public RequestState State { get; private set; }
    public int CurrentStep { get; private set; }
    public DateTimeOffset? StepDeadline { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public List<PolicyStep> Steps { get; private set; } = [];
    public Escalation Escalation { get; private set; }
    /// <summary>The admins were asked after a step expired; if they too let it expire, the request expires.</summary>
    public bool EscalatedToAdmins { get; private set; }
    public TimeSpan StepExpiry { get; private set; }
    public List<Assignment> Assignments { get; private set; } = [];
    public List<HistoryEntry> History { get; private set; } = [];
    /// <summary>Goes up with every change (every change writes history), so two concurrent changes cannot both commit.</summary>
    public int Revision { get; private set; }

    private ApprovalRequest() { }

    public static (ApprovalRequest? Request, SubmissionRefusal? Problem) Submit(
        ApprovalPolicy policy, RequestDraft draft, Guid requesterId, IApproverResolver approvers, DateTimeOffset now)
    {
        if (draft.ExternalNominee is { } nominee && !policy.AllowsExternal(nominee))
            return (null, SubmissionRefusal.Nominee(policy.RequesterMayNominate
                ? "The nominated address is outside the domains this organization allows."
                : "This kind of request takes no nominated approver."));
        if (policy.Steps.Any(s => s.Source == ApproverSource.ExternalNominee) && draft.ExternalNominee is null)
            return (null, SubmissionRefusal.Nominee("This kind of request needs a nominated external approver."));

        var request = new ApprovalRequest
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = policy.OrganizationId,
            Type = policy.RequestType,
            Title = draft.Title,
            Summary = draft.Summary,
            SubjectId = draft.SubjectId,
            SubjectUrl = draft.SubjectUrl,
            Amount = draft.Amount,
            Currency = draft.Currency,
            Details = draft.Details,
            RequesterId = requesterId,
            ExternalNominee = draft.ExternalNominee?.Trim().ToLowerInvariant(),
            State = RequestState.Pending,
            CreatedAt = now,
            Steps = policy.Steps.ToList(),
            Escalation = policy.Escalation,
            StepExpiry = policy.Expiry,
        };
        request.Record(now, "created", requesterId.ToString());

        if (policy.ApprovesAutomatically(draft.Amount, draft.Currency))
        {
            request.Close(RequestState.Approved, now, "auto-approved", null, $"under {policy.AutoApproveBelow} {policy.Currency}");
            return (request, null);
        }

        request.Assign(0, approvers, now);
        var first = policy.Steps[0];
        var found = request.PendingAssignments.Count();
        // A request nobody can decide would wait for its expiry and help no one: refuse it now, saying why.
        if (found < first.RequiredApprovals)
            return (null, SubmissionRefusal.NoApprover(
                $"Step 1 ({first.Name}) needs {first.RequiredApprovals} approver(s) and finds {found} besides you, the organization's admins included; "
                + "ask an admin to change the policy or the roles."));
        return (request, null);
    }

    public IEnumerable<Assignment> PendingAssignments => Assignments.Where(a => a.State == AssignmentState.Pending);

    /// <summary>Records a decision; null when taken, else why not.</summary>
    public string? Decide(ApproverRef approver, bool approve, string? comment, DateTimeOffset now, IApproverResolver approvers, DecisionOrigin? origin = null)
    {
        if (State != RequestState.Pending) return $"The request is {Name(State)}; it takes no more decisions.";
        if (approver.UserId == RequesterId) return "Nobody approves their own request.";
        var assignment = Assignments.FirstOrDefault(a => a.Step == CurrentStep && a.State == AssignmentState.Pending && a.Is(approver));
        if (assignment is null) return "You are not asked to decide this request (or have decided already).";

        assignment.Decide(approve, comment, now, origin);
        Record(now, approve ? "approved" : "rejected", approver.ToString(), $"step {CurrentStep + 1} ({Steps[CurrentStep].Name})");
        if (!approve)
        {
            Close(RequestState.Rejected, now, "decided", approver.ToString(), "rejected");
            return null;
        }

        var approved = Assignments.Count(a => a.Step == CurrentStep && a.State == AssignmentState.Approved);
        if (approved < Steps[CurrentStep].RequiredApprovals) return null;

        WithdrawPending(now);
        if (CurrentStep + 1 < Steps.Count)
        {
            Record(now, "step-advanced", null, $"to step {CurrentStep + 2} ({Steps[CurrentStep + 1].Name})");
            Assign(CurrentStep + 1, approvers, now);
        }
        else
        {
            Close(RequestState.Approved, now, "decided", approver.ToString(), "approved");
        }

        return null;
    }

    public string? Cancel(Guid requesterId, DateTimeOffset now)
    {
        if (requesterId != RequesterId) return "Only the requester cancels a request.";
        if (State != RequestState.Pending) return $"The request is {Name(State)}; only a pending one can be cancelled.";
        Close(RequestState.Cancelled, now, "cancelled", requesterId.ToString(), null);
        return null;
    }

    /// <summary>When the step's time is up: escalate by the policy, or expire. True when something changed.</summary>
    public bool ExpireIfDue(DateTimeOffset now, IApproverResolver approvers)
    {
        if (State != RequestState.Pending || StepDeadline is not { } deadline || now < deadline) return false;

        WithdrawPending(now);
        switch (Escalation)
        {
            case Escalation.NextStep when CurrentStep + 1 < Steps.Count:
                Record(now, "escalated", null, $"step {CurrentStep + 1} expired; to step {CurrentStep + 2} ({Steps[CurrentStep + 1].Name})");
                Assign(CurrentStep + 1, approvers, now);
                break;
            case Escalation.NextStep or Escalation.OrganizationAdmins when !EscalatedToAdmins:
                Record(now, "escalated", null, $"step {CurrentStep + 1} expired; to the organization's admins");
                EscalatedToAdmins = true;
                AssignTo(Admins(approvers), CurrentStep, now);
                break;
            default:
                Close(RequestState.Expired, now, "expired", null, $"step {CurrentStep + 1} expired");
                break;
        }

        return true;
    }

    /// <summary>
    /// An approver lost the right to decide (role removed, account suspended, archived or deleted):
    /// their pending assignment moves on by the policy, so the step is never left without an approver.
    /// </summary>
    public bool Reassign(Guid lostApproverId, IApproverResolver approvers, DateTimeOffset now)
    {
        var lost = Assignments.Where(a => a.State == AssignmentState.Pending && a.ApproverId == lostApproverId).ToList();
        if (State != RequestState.Pending || lost.Count == 0) return false;

        lost.ForEach(a => a.Withdraw(now));
        Record(now, "reassigned", null, $"{lostApproverId} can no longer decide");
        var step = Steps[CurrentStep];
        var asked = Assignments.Where(a => a.Step == CurrentStep).Select(a => a.Approver).ToList();
        var stillNeeded = step.RequiredApprovals - Assignments.Count(a => a.Step == CurrentStep && a.State is AssignmentState.Approved or AssignmentState.Pending);
        if (stillNeeded <= 0) return true;

        var fresh = Eligible(approvers.Resolve(step, OrganizationId, RequesterId)).Where(a => !asked.Contains(a) && a.UserId != lostApproverId).ToList();
        if (fresh.Count < stillNeeded) fresh = fresh.Concat(Admins(approvers).Where(a => !asked.Contains(a) && a.UserId != lostApproverId)).Distinct().ToList();
        foreach (var approver in fresh)
        {
            Assignments.Add(Assignment.To(approver, CurrentStep, now));
            Record(now, "assigned", null, approver.ToString());
        }

        return true;
    }

    public void RecordExternalView(string email, DateTimeOffset now) => Record(now, "viewed", email, "the external approver opened the link");

    private void Assign(int stepIndex, IApproverResolver approvers, DateTimeOffset now)
    {
        var step = Steps[stepIndex];
        var found = step.Source == ApproverSource.ExternalNominee
            ? [ApproverRef.External(ExternalNominee!)]
            : Eligible(approvers.Resolve(step, OrganizationId, RequesterId)).ToList();
        if (found.Count < step.RequiredApprovals)
        {
            // Never leave a step without enough approvers: the organization's admins stand in.
            Record(now, "assigned", null, $"step {stepIndex + 1} ({step.Name}) found {found.Count} of {step.RequiredApprovals} approvers; the organization's admins stand in");
            found = found.Concat(Admins(approvers)).Distinct().ToList();
        }

        AssignTo(found, stepIndex, now);
    }

    private void AssignTo(IEnumerable<ApproverRef> approvers, int stepIndex, DateTimeOffset now)
    {
        CurrentStep = stepIndex;
        StepDeadline = now + StepExpiry;
        foreach (var approver in approvers.Distinct())
        {
            Assignments.Add(Assignment.To(approver, stepIndex, now));
            Record(now, "assigned", null, approver.ToString());
        }
    }

    private IEnumerable<ApproverRef> Eligible(IEnumerable<ApproverRef> approvers) => approvers.Where(a => a.UserId != RequesterId).Distinct();

    private List<ApproverRef> Admins(IApproverResolver approvers) => Eligible(approvers.OrganizationAdmins(OrganizationId)).ToList();

    private void WithdrawPending(DateTimeOffset now)
    {
        foreach (var assignment in PendingAssignments.ToList()) assignment.Withdraw(now);
    }

    private void Close(RequestState state, DateTimeOffset now, string @event, string? actor, string? detail)
    {
        WithdrawPending(now);
        State = state;
        ClosedAt = now;
        StepDeadline = null;
        Record(now, @event, actor, detail);
    }

    private void Record(DateTimeOffset at, string @event, string? actor, string? detail = null)
    {
        Revision++;
        History.Add(new HistoryEntry(at, @event, actor, detail, Revision));
    }

    private static string Name(RequestState state) => state.ToString().ToLowerInvariant();
}

/// <summary>What a requester (or client app) asks for, already checked for size and form.</summary>
public sealed record RequestDraft(
    string Title, string? Summary = null, string? SubjectId = null, string? SubjectUrl = null,
    decimal? Amount = null, string? Currency = null, string? Details = null, string? ExternalNominee = null);
