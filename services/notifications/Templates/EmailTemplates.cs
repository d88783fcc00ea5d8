namespace Platform.Notifications.Templates;

/// <summary>The template folders the consumers use; each has subject, HTML and text parts per locale.</summary>
public static class EmailTemplates
{
    public const string VerifyEmail = "verify-email";
    public const string ExistingAccountSignUp = "existing-account-sign-up";
    public const string ResetPassword = "reset-password";
    public const string PasswordChanged = "password-changed";
    public const string ConfirmEmailChange = "confirm-email-change";
    public const string EmailChangeNotice = "email-change-notice";
    public const string LockedOut = "locked-out";
    public const string Welcome = "welcome";
    public const string GroupMessage = "group-message";
    public const string WebhookDisabled = "webhook-disabled";
    public const string Invitation = "invitation";
    public const string ApprovalRequested = "approval-requested";
    public const string ExternalApproval = "external-approval";
    public const string ApprovalDecided = "approval-decided";
    public const string ApprovalExpired = "approval-expired";
}
