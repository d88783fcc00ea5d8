using Microsoft.Extensions.Options;
using Platform.Notifications.Delivery;
using Platform.Notifications.Model;

namespace Platform.Notifications.Templates;

/// <summary>
/// Links in emails: <see cref="EmailOptions.PublicBaseUrl"/> (the gateway) and the page named in each
/// event's contract, with the token as a query value. Links without a secret open the console the gateway
/// serves at its root, so every link leads to a screen.
/// </summary>
public sealed class EmailLinks(IOptions<EmailOptions> options)
{
    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>The console's sign-in screen, which also offers "forgot password" and sends a signed-in person on.</summary>
    public string SignIn => BaseUrl + "/sign-in";

    public string VerifyEmail(string token) => Page("verify-email", token);

    public string ResetPassword(string token) => Page("reset-password", token);

    public string ConfirmEmailChange(string token) => Page("confirm-email-change", token);

    /// <summary>For an invitee who already has an account: sign in and accept.</summary>
    public string AcceptInvitation(string token) => $"{BaseUrl}/api/membership/invitations/accept?token={Uri.EscapeDataString(token)}";

    /// <summary>For an invitee identity prepared a pending account for: set a password, then the invitation is accepted.</summary>
    public string InvitationSignUp(string token) => $"{BaseUrl}/api/identity/invitation?token={Uri.EscapeDataString(token)}";

    /// <summary>
    /// The request in the console, for internal approvers (approve or reject there) and the requester (its history);
    /// the console asks an anonymous visitor to sign in first and then opens it.
    /// </summary>
    public string ApprovalRequest(Guid requestId) => $"{BaseUrl}/approvals/requests/{requestId}";

    /// <summary>An external approver's one-time link; the secret is in the path, as approvals serves it.</summary>
    public string ExternalApproval(string token) => $"{BaseUrl}{LinkSecrets.ExternalApprovalPath}{Uri.EscapeDataString(token)}";

    /// <summary>The one-click unsubscribe link of a broadcast (RFC 8058), served by this service through the gateway.</summary>
    public string Unsubscribe(string token) => $"{BaseUrl}/api/notifications/unsubscribe?token={Uri.EscapeDataString(token)}";

    private string Page(string page, string token) => $"{BaseUrl}/api/identity/pages/{page}?token={Uri.EscapeDataString(token)}";
}
