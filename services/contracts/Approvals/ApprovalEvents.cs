using Platform.Contracts.Organizations;

namespace Platform.Contracts.Approvals;

/// <summary>Someone asked to approve: an internal approver (UserId set) or an external address (UserId null).</summary>
public sealed record ApprovalRecipient(Guid? UserId, string Email, string FirstName);

/// <summary>What a request is about, as its requester described it.</summary>
public sealed record ApprovalSubject(
    string Type, string Title, string? Summary, string? ExternalId, string? Url, decimal? Amount, string? Currency);

/// <summary>
/// A request was created and routed. Approvers are the internal approvers of its first step, each to
/// get an email (an external approver gets <see cref="ExternalApprovalLinkIssued"/> instead).
/// AutoApproved requests are followed at once by <see cref="ApprovalDecided"/> and list no approvers.
/// </summary>
public sealed record ApprovalRequested(
    Guid OrganizationId, Guid RequestId, ApprovalSubject Subject, Guid RequesterId, string RequesterName,
    int Step, int StepCount, IReadOnlyList<ApprovalRecipient> Approvers, DateTimeOffset ExpiresAt, DateTimeOffset RequestedAt) : IOrganizationEvent;

/// <summary>
/// The request needs new approvers: the next ordered step was reached, it escalated on expiry, or an
/// approver left and their assignment moved on. Reason is <c>step</c>, <c>escalated</c> or <c>reassigned</c>.
/// Approvers lists only those newly asked, each to get an email.
/// </summary>
public sealed record ApprovalStepAdvanced(
    Guid OrganizationId, Guid RequestId, ApprovalSubject Subject, string Reason, int Step, int StepCount,
    IReadOnlyList<ApprovalRecipient> Approvers, DateTimeOffset ExpiresAt, DateTimeOffset AdvancedAt) : IOrganizationEvent;

/// <summary>
/// The request was approved or rejected (Outcome <c>approved</c> or <c>rejected</c>). DeciderId is null
/// for an external approver or an automatic approval (Automatic true); the requester gets an email.
/// </summary>
public sealed record ApprovalDecided(
    Guid OrganizationId, Guid RequestId, ApprovalSubject Subject, string Outcome, bool Automatic,
    Guid? DeciderId, string? DeciderEmail, string? Comment,
    Guid RequesterId, string RequesterEmail, string RequesterFirstName, DateTimeOffset DecidedAt) : IOrganizationEvent;

/// <summary>The request expired with nobody left to escalate to; the requester gets an email.</summary>
public sealed record ApprovalExpired(
    Guid OrganizationId, Guid RequestId, ApprovalSubject Subject,
    Guid RequesterId, string RequesterEmail, string RequesterFirstName, DateTimeOffset ExpiredAt) : IOrganizationEvent;

/// <summary>The requester (or an organization admin) cancelled the request while it was pending.</summary>
public sealed record ApprovalCancelled(
    Guid OrganizationId, Guid RequestId, ApprovalSubject Subject, Guid ActorId, DateTimeOffset CancelledAt) : IOrganizationEvent;

/// <summary>
/// A one-time link for an external approver: Token is the raw secret for
/// <c>{public base}/api/approvals/external/{Token}</c>; approvals keeps only its SHA-256 hash. A new
/// link for the same request voids the old one. Deliberately not an organization (webhook) event: the
/// token must not leave the platform.
/// </summary>
public sealed record ExternalApprovalLinkIssued(
    Guid OrganizationId, Guid RequestId, ApprovalSubject Subject, string OrganizationName, string RequesterName,
    string Email, string Token, DateTimeOffset ExpiresAt, DateTimeOffset IssuedAt);
