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
