using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Identity.Application;
using Platform.ServiceDefaults.Pages;

namespace Platform.Identity.Apis;

/// <summary>
/// The pages behind the links in emails, plain server-rendered HTML. Opening a link never uses it
/// up (mail scanners open links); the form's POST does. The secret in the form is what authorizes
/// the POST, so there is no separate anti-forgery token.
/// </summary>
public static class PagesApi
{
    public static IEndpointRouteBuilder MapPagesApi(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("/pages").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery()
            .WithLinkPageHeaders();
        pages.MapGet("/verify-email", ShowVerifyEmail);
        pages.MapPost("/verify-email", VerifyEmail);
        pages.MapGet("/reset-password", ShowResetPassword);
        pages.MapPost("/reset-password", ResetPassword);
        pages.MapGet("/confirm-email-change", ShowConfirmEmailChange);
        pages.MapPost("/confirm-email-change", ConfirmEmailChange);
        return routes;
    }

    public static ContentHttpResult ShowVerifyEmail(string? token) => Form("Verify your email address", token, "Verify my email address");

    public static ContentHttpResult ShowResetPassword(string? token) => Form("Choose a new password", token, "Set the new password", askPassword: true);

    public static ContentHttpResult ShowConfirmEmailChange(string? token) => Form("Confirm your new email address", token, "Use this address");

    public static async Task<ContentHttpResult> VerifyEmail([FromForm] string? token, EmailVerification verification, CancellationToken cancellationToken) =>
        await verification.VerifyAsync(token, cancellationToken)
            ? Message("Email address verified", "Thank you. You can now log in.")
            : Message("This link cannot be used", "It was used already, replaced by a newer one, or has expired. Ask for a new verification email.", 400);

    public static async Task<ContentHttpResult> ResetPassword(
        [FromForm] string? token, [FromForm] string? password, PasswordReset reset, CancellationToken cancellationToken) =>
        await reset.ResetAsync(token, password, cancellationToken) switch
        {
            PasswordResetResult.Done => Message("Password changed", "Your password is changed and every session has ended. Log in with the new password."),
            PasswordResetResult.Unacceptable(var problem) => Form("Choose a new password", token, "Set the new password", askPassword: true, problem),
            _ => Message("This link cannot be used", "It was used already, replaced by a newer one, or has expired. Ask for a new reset email.", 400),
        };

    public static async Task<ContentHttpResult> ConfirmEmailChange([FromForm] string? token, EmailChange change, CancellationToken cancellationToken) =>
        await change.ConfirmAsync(token, cancellationToken)
            ? Message("Email address changed", "Your account now uses this address.")
            : Message("This link cannot be used", "It was used already, has expired, or the address is taken meanwhile.", 400);

    private static ContentHttpResult Form(string title, string? token, string button, bool askPassword = false, string? problem = null)
    {
        var html = HtmlEncoder.Default;
        var field = askPassword
            ? """<p><label>New password (at least 15 characters)<br><input type="password" name="password" autocomplete="new-password" required minlength="8"></label></p>"""
            : "";
        var error = problem is null ? "" : $"<p role=\"alert\"><strong>{html.Encode(problem)}</strong></p>";
        return Page(title, $"""
            {error}<form method="post" action="">
            <input type="hidden" name="token" value="{html.Encode(token ?? "")}">
            {field}<button type="submit">{html.Encode(button)}</button>
            </form>
            """, problem is null ? 200 : 400);
    }

    private static ContentHttpResult Message(string title, string text, int status = 200) => LinkPages.Message(title, text, status);

    private static ContentHttpResult Page(string title, string body, int status) => LinkPages.Page(title, body, status);
}
