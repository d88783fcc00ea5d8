namespace Platform.Approvals.Model.Requests;

/// <summary>Someone who may decide a step: a member of the organization, or an outside address.</summary>
public sealed record ApproverRef(Guid? UserId, string? ExternalEmail)
{
    public static ApproverRef Member(Guid userId) => new(userId, null);
    public static ApproverRef External(string email) => new(null, email.Trim().ToLowerInvariant());

    public bool IsExternal => ExternalEmail is not null;

    public override string ToString() => UserId?.ToString() ?? ExternalEmail!;
}

/// <summary>
/// Finds approvers for a step; approvals' projection of membership answers it. An empty answer
/// means nobody holds the role: the request must not be left without an approver.
/// </summary>
public interface IApproverResolver
{
    IReadOnlyList<ApproverRef> Resolve(PolicyStep step, Guid organizationId, Guid requesterId);

    /// <summary>The organization's admins and owner: the last resort for escalation.</summary>
    IReadOnlyList<ApproverRef> OrganizationAdmins(Guid organizationId);
}
