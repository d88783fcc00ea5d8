namespace Platform.Approvals.Model.Requests;

/// <summary>Why a request was not accepted, and which part of it is at fault (<c>externalNominee</c> or <c>type</c>).</summary>
public sealed record SubmissionRefusal(string Field, string Reason)
{
    public static SubmissionRefusal Nominee(string reason) => new("externalNominee", reason);

    /// <summary>The policy for the type finds nobody who could decide the first step.</summary>
    public static SubmissionRefusal NoApprover(string reason) => new("type", reason);
}
