using System.Text.Encodings.Web;
using Platform.Notifications.Model;

namespace Platform.Notifications.Templates;

/// <summary>The email a new account receives. Every user-supplied value is HTML-encoded in the HTML part.</summary>
public static class WelcomeEmail
{
    public const string Template = "welcome";

    public static EmailMessage Render(string firstName, string email, string publicBaseUrl)
    {
        var html = HtmlEncoder.Default;
        var subject = "Welcome to Platform";
        var text = $"""
            Hello {firstName},

            an account was created for {email}. You can sign in at {publicBaseUrl}.

            If this was not you, ignore this email.
            """;
        var body = $"""
            <!DOCTYPE html>
            <html><body style="font-family: sans-serif">
            <p>Hello {html.Encode(firstName)},</p>
            <p>an account was created for <strong>{html.Encode(email)}</strong>. You can sign in at
            <a href="{html.Encode(publicBaseUrl)}">{html.Encode(publicBaseUrl)}</a>.</p>
            <p>If this was not you, ignore this email.</p>
            </body></html>
            """;
        return new EmailMessage(subject, body, text);
    }
}
