namespace Platform.Identity.Audit;

/// <summary>The audit trail's action names; administrators filter by them.</summary>
public static class AuditActions
{
    public const string SignedUp = "account.signed-up";
    public const string SignUpForExistingEmail = "account.sign-up-for-existing-email";
    public const string EmailVerified = "account.email-verified";
    public const string VerificationResent = "account.verification-resent";
    public const string LoggedIn = "session.logged-in";
    public const string LoginFailed = "session.login-failed";
    public const string LockedOut = "account.locked-out";
    public const string LoggedOut = "session.logged-out";
    public const string SessionEnded = "session.ended";
    public const string OtherSessionsEnded = "session.others-ended";
    public const string PasswordResetRequested = "password.reset-requested";
    public const string PasswordReset = "password.reset";
    public const string PasswordChanged = "password.changed";
    public const string PasswordRehashed = "password.rehashed";
    public const string EmailChangeRequested = "email.change-requested";
    public const string EmailChanged = "email.changed";
    public const string ProfileUpdated = "account.profile-updated";
    public const string DataExported = "account.data-exported";
    public const string StateChanged = "account.state-changed";
    public const string CreatedByAdministrator = "admin.user-created";
    public const string EditedByAdministrator = "admin.user-edited";
    public const string TemporaryPasswordSet = "admin.temporary-password-set";
    public const string SessionsEndedByAdministrator = "admin.sessions-ended";
    public const string PlatformAdminGranted = "admin.platform-admin-granted";
    public const string PlatformAdminRevoked = "admin.platform-admin-revoked";
    public const string UsersExported = "admin.users-exported";
    public const string ApiTokenCreated = "token.created";
    public const string ApiTokenRevoked = "token.revoked";
    public const string ClientAppRegistered = "client-app.registered";
    public const string OpenIdClientSaved = "client-app.openid-connect-saved";
    public const string OpenIdAuthorized = "openid.authorized";
    public const string OpenIdTokenIssued = "openid.token-issued";
    public const string OpenIdConsentGranted = "openid.consent-granted";
    public const string OpenIdConsentDenied = "openid.consent-denied";
    public const string OpenIdConsentRevoked = "openid.consent-revoked";
    public const string OpenIdTokenRevoked = "openid.token-revoked";
    /// <summary>A code or refresh token presented again after it was used: its whole family is revoked.</summary>
    public const string OpenIdTokenReused = "openid.token-reused";
    public const string TwoFactorEnrolmentStarted = "two-factor.enrolment-started";
    public const string TwoFactorEnabled = "two-factor.enabled";
    public const string TwoFactorDisabled = "two-factor.disabled";
    public const string RecoveryCodesRegenerated = "two-factor.recovery-codes-regenerated";
    public const string RecoveryCodeUsed = "two-factor.recovery-code-used";
    public const string TwoFactorRequested = "session.two-factor-requested";
    public const string TwoFactorFailed = "session.two-factor-failed";
    public const string ImpersonationStarted = "impersonation.started";
    public const string ImpersonationEnded = "impersonation.ended";
    public const string InvitedAccountCreated = "account.invited";
    public const string PasswordSetFromInvitation = "account.password-set-from-invitation";
}
