namespace Platform.Approvals.Model.Requests;

/// <summary>
/// One level of a policy (department manager, then senior manager): who may approve and how many
/// approvals it needs (N of the M approvers found).
/// </summary>
public sealed record PolicyStep(string Name, ApproverSource Source, int RequiredApprovals = 1, string? Role = null, IReadOnlyList<Guid>? People = null)
{
    public string? Problem() => Source switch
    {
        _ when RequiredApprovals < 1 => $"Step '{Name}' needs at least one approval.",
        ApproverSource.Role when string.IsNullOrWhiteSpace(Role) => $"Step '{Name}' takes its approvers from a role; name it.",
        ApproverSource.NamedPeople when People is not { Count: > 0 } => $"Step '{Name}' names no people.",
        ApproverSource.NamedPeople when People!.Count < RequiredApprovals => $"Step '{Name}' needs {RequiredApprovals} approvals from {People.Count} people.",
        ApproverSource.ExternalNominee when RequiredApprovals != 1 => $"Step '{Name}' has one external approver.",
        _ => null,
    };
}
