using Microsoft.Extensions.Options;
using Platform.Notifications.Delivery;

namespace Platform.Notifications.Templates;

/// <summary>
/// Links in emails: <see cref="EmailOptions.PublicBaseUrl"/> (the gateway) and the page named in each
/// event's contract, with the token as a query value.
/// </summary>
public sealed class EmailLinks(IOptions<EmailOptions> options)
{
    private string BaseUrl => options.Value.PublicBaseUrl.TrimEnd('/');

    public string SignIn => BaseUrl + "/";

    public string VerifyEmail(string token) => Page("verify-email", token);

    public string ResetPassword(string token) => Page("reset-password", token);

    public string ConfirmEmailChange(string token) => Page("confirm-email-change", token);

    /// <summary>The one-click unsubscribe link of a broadcast (RFC 8058), served by this service through the gateway.</summary>
    public string Unsubscribe(string token) => $"{BaseUrl}/api/notifications/unsubscribe?token={Uri.EscapeDataString(token)}";

    private string Page(string page, string token) => $"{BaseUrl}/api/identity/pages/{page}?token={Uri.EscapeDataString(token)}";
}
