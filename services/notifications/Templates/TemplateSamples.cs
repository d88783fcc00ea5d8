namespace Platform.Notifications.Templates;

/// <summary>Made-up data for previewing each template; never anyone's real address or token.</summary>
public static class TemplateSamples
{
    private const string Token = "sample-token";
    private static readonly Guid SampleRequest = new("0190a0a0-0000-7000-8000-000000000003");
    private static readonly DateTimeOffset Soon = new(2030, 1, 15, 14, 30, 0, TimeSpan.Zero);

    public static object? For(string template, EmailLinks links) => template switch
    {
        EmailTemplates.VerifyEmail => new VerifyEmailModel("Ada", links.VerifyEmail(Token), Soon),
        EmailTemplates.ExistingAccountSignUp => new ExistingAccountSignUpModel("Ada", "ada@example.com", links.SignIn),
        EmailTemplates.ResetPassword => new ResetPasswordModel("Ada", links.ResetPassword(Token), Soon, AccountSetup: false),
        EmailTemplates.PasswordChanged => new PasswordChangedModel("Ada", "ada@example.com", Soon, links.SignIn),
        EmailTemplates.ConfirmEmailChange => new ConfirmEmailChangeModel("Ada", "ada.new@example.com", links.ConfirmEmailChange(Token), Soon),
        EmailTemplates.EmailChangeNotice => new EmailChangeNoticeModel("Ada", "ada@example.com", "ada.new@example.com", links.SignIn),
        EmailTemplates.LockedOut => new LockedOutModel("ada@example.com", Soon, links.SignIn),
        EmailTemplates.Welcome => new WelcomeModel("ada@example.com", links.SignIn),
        EmailTemplates.GroupMessage => new GroupMessageModel(
            "Ada", "Grace Hopper", "Order group North", "Pick-up moves to Friday",
            "Hello everyone,\nthe pick-up moves to Friday, 4 pm.\nGrace", Soon, links.Unsubscribe(Token)),
        EmailTemplates.WebhookDisabled => new WebhookDisabledModel(
            new Guid("0190a0a0-0000-7000-8000-000000000001"), new Guid("0190a0a0-0000-7000-8000-000000000002"),
            "https://app.example.com/webhooks", "Disabled after 10 consecutive failed deliveries; the last: HTTP 500", Soon),
        EmailTemplates.Invitation => new InvitationModel(
            "Grace Hopper", "Order group North", "member", "ada@example.com", links.AcceptInvitation(Token), Soon, AccountKnown: true),
        EmailTemplates.ApprovalRequested => new ApprovalRequestModel(
            "Ada", "Grace Hopper", "New delivery van", "Replaces the van from 2012.", "42000.00 EUR", 1, 2,
            Escalated: false, Reassigned: false, links.ApprovalRequest(SampleRequest), Soon),
        EmailTemplates.ExternalApproval => new ExternalApprovalModel(
            "Order group North", "Grace Hopper", "New delivery van", "Replaces the van from 2012.", "42000.00 EUR",
            links.ExternalApproval(Token), Soon),
        EmailTemplates.ApprovalDecided => new ApprovalDecidedModel(
            "Grace", "New delivery van", "Replaces the van from 2012.", "42000.00 EUR", Approved: true, Automatic: false,
            "ada@example.com", "Go ahead.", links.ApprovalRequest(SampleRequest), Soon),
        EmailTemplates.ApprovalExpired => new ApprovalExpiredModel(
            "Grace", "New delivery van", "Replaces the van from 2012.", "42000.00 EUR", links.ApprovalRequest(SampleRequest), Soon),
        _ => null,
    };
}
