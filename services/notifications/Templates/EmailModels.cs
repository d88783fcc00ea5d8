namespace Platform.Notifications.Templates;

// What each template may use. SignInLink is the platform's public address, where client apps offer
// sign-in and "forgot password"; Link is the one-time link, with its token.

public sealed record VerifyEmailModel(string FirstName, string Link, DateTimeOffset ExpiresAt);

public sealed record ExistingAccountSignUpModel(string FirstName, string Email, string SignInLink);

/// <summary><see cref="AccountSetup"/>: an administrator created the account and its owner sets a first password.</summary>
public sealed record ResetPasswordModel(string FirstName, string Link, DateTimeOffset ExpiresAt, bool AccountSetup);

public sealed record PasswordChangedModel(string FirstName, string Email, DateTimeOffset ChangedAt, string SignInLink);

public sealed record ConfirmEmailChangeModel(string FirstName, string NewEmail, string Link, DateTimeOffset ExpiresAt);

public sealed record EmailChangeNoticeModel(string FirstName, string OldEmail, string NewEmail, string SignInLink);

/// <summary><see cref="LockedUntil"/> null: only an administrator can unlock the account.</summary>
public sealed record LockedOutModel(string Email, DateTimeOffset? LockedUntil, string SignInLink);

public sealed record WelcomeModel(string Email, string SignInLink);

/// <summary>A message group's post. <see cref="Subject"/> and <see cref="Body"/> are the author's own text, escaped like any value.</summary>
public sealed record GroupMessageModel(
    string FirstName, string AuthorName, string GroupName, string Subject, string Body, DateTimeOffset PostedAt, string UnsubscribeLink);

public sealed record WebhookDisabledModel(Guid OrganizationId, Guid EndpointId, string Url, string Reason, DateTimeOffset DisabledAt);

/// <summary>
/// <see cref="AccountKnown"/>: the invitee signs in and accepts; otherwise they set a password for the account identity prepared.
/// <see cref="FirstName"/>: the name the inviter gave, or null (the greeting then has none).
/// </summary>
public sealed record InvitationModel(
    string InviterName, string OrganizationName, string Rank, string Email, string Link, DateTimeOffset ExpiresAt, bool AccountKnown,
    string? FirstName = null);

/// <summary>
/// What an approval request is about, shared by the approval emails. <see cref="Amount"/> is the amount with
/// its currency, already formatted, or null.
/// </summary>
public sealed record ApprovalRequestModel(
    string FirstName, string? RequesterName, string Title, string? Summary, string? Amount, int Step, int StepCount,
    bool Escalated, bool Reassigned, string Link, DateTimeOffset ExpiresAt);

public sealed record ExternalApprovalModel(
    string OrganizationName, string RequesterName, string Title, string? Summary, string? Amount, string Link, DateTimeOffset ExpiresAt);

/// <summary><see cref="DecidedBy"/>: who decided, when known and not <see cref="Automatic"/>.</summary>
public sealed record ApprovalDecidedModel(
    string FirstName, string Title, string? Summary, string? Amount, bool Approved, bool Automatic, string? DecidedBy, string? Comment,
    string Link, DateTimeOffset DecidedAt);

public sealed record ApprovalExpiredModel(string FirstName, string Title, string? Summary, string? Amount, string Link, DateTimeOffset ExpiredAt);
