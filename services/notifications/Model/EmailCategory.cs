using Platform.Notifications.Templates;

namespace Platform.Notifications.Model;

/// <summary>
/// What kind of email a template sends. Users may opt out of the optional ones; security and
/// transactional emails always go out, because an account cannot be run safely without them.
/// </summary>
public enum EmailCategory
{
    Security,
    Transactional,
    GroupMessages,
    Digests,
}

/// <summary>Lower numbers are claimed first: a password reset never waits behind a broadcast.</summary>
public enum DeliveryPriority
{
    Immediate = 0,
    Bulk = 10,
}

public static class EmailCategories
{
    public static EmailCategory Of(string template) => template switch
    {
        EmailTemplates.VerifyEmail or EmailTemplates.ResetPassword or EmailTemplates.PasswordChanged
            or EmailTemplates.ConfirmEmailChange or EmailTemplates.EmailChangeNotice or EmailTemplates.LockedOut
            or EmailTemplates.ExistingAccountSignUp => EmailCategory.Security,
        EmailTemplates.Welcome or EmailTemplates.WebhookDisabled or EmailTemplates.Invitation
            or EmailTemplates.ApprovalRequested or EmailTemplates.ExternalApproval or EmailTemplates.ApprovalDecided
            or EmailTemplates.ApprovalExpired => EmailCategory.Transactional,
        EmailTemplates.GroupMessage => EmailCategory.GroupMessages,
        _ => throw new ArgumentException($"The email template {template} has no category; add it to {nameof(EmailCategories)}.", nameof(template)),
    };

    public static bool CanOptOut(this EmailCategory category) => category is EmailCategory.GroupMessages or EmailCategory.Digests;

    public static DeliveryPriority Priority(this EmailCategory category) => category.CanOptOut() ? DeliveryPriority.Bulk : DeliveryPriority.Immediate;

    /// <summary>The name on the wire and in unsubscribe links: <c>group-messages</c>.</summary>
    public static string Name(this EmailCategory category) => category switch
    {
        EmailCategory.Security => "security",
        EmailCategory.Transactional => "transactional",
        EmailCategory.GroupMessages => "group-messages",
        EmailCategory.Digests => "digests",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static bool TryParse(string? name, out EmailCategory category)
    {
        foreach (var candidate in Enum.GetValues<EmailCategory>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }
}
