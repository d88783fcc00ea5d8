using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Identity.Application;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Pages;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// The login a client app sends its users to: the platform's own login (password, lockout, two-factor) on plain
/// server-rendered pages, which set the platform's session cookie and return to the authorization request. The
/// gateway refuses cross-origin form posts, so the forms need no anti-forgery token; the return address may only
/// be the authorization endpoint, so the page cannot be used to redirect anywhere else.
/// </summary>
public static class OpenIdLoginPages
{
    public const string Path = "/connect/login";
    private const string AuthorizePath = "/connect/authorize";

    public static string Address(string returnAddress) => $"{Path}?returnUrl={Uri.EscapeDataString(returnAddress)}";

    public static ContentHttpResult Show(string? returnUrl) =>
        IsAuthorizationRequest(returnUrl) ? PasswordForm(returnUrl!, null, 200) : NotFromAClient();

    public static async Task<IResult> LogIn(
        [FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext context, Login login, SessionCookie cookie,
        SessionStore sessions, CancellationToken cancellationToken)
    {
        if (!IsAuthorizationRequest(returnUrl)) return NotFromAClient();
        var result = await login.LogInAsync(email, password, context.Request.Headers.UserAgent.ToString(), cancellationToken);
        return result switch
        {
            LoginResult.Succeeded success => await ContinueAsync(success, returnUrl!, context, cookie, sessions),
            LoginResult.TwoFactorRequired required => CodeForm(required.Challenge, returnUrl!, null, 200),
            LoginResult.EmailNotVerified => PasswordForm(returnUrl!, "Verify your email address first: follow the link in the email we sent you.", 400),
            _ => PasswordForm(returnUrl!, "The email address or password is wrong, or the account cannot log in.", 400),
        };
    }

    public static async Task<IResult> CompleteTwoFactor(
        [FromForm] string? challenge, [FromForm] string? code, [FromForm] string? returnUrl, HttpContext context, Login login, SessionCookie cookie,
        SessionStore sessions, CancellationToken cancellationToken)
    {
        if (!IsAuthorizationRequest(returnUrl)) return NotFromAClient();
        var result = await login.CompleteTwoFactorAsync(challenge, code, null, context.Request.Headers.UserAgent.ToString(), cancellationToken);
        return result is LoginResult.Succeeded success
            ? await ContinueAsync(success, returnUrl!, context, cookie, sessions)
            : CodeForm(challenge ?? "", returnUrl!, "The code is wrong or has expired; if this keeps happening, log in again.", 400);
    }

    public static ContentHttpResult LoggedOut() => LinkPages.Message("You are logged out", "Your platform session has ended.");

    // A new login replaces the browser's earlier session (prompt=login, max_age), which would otherwise linger until it expires.
    private static async Task<IResult> ContinueAsync(LoginResult.Succeeded success, string returnUrl, HttpContext context, SessionCookie cookie, SessionStore sessions)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(InternalClaims.SessionId)?.Value is { } earlier)
        {
            await sessions.EndAsync(context.User.UserId(), earlier);
        }

        cookie.Set(context.Response, success.SessionId, success.Session.AbsoluteExpiresAt);
        if (success.Session.PasswordChangeRequired || success.Session.TwoFactorEnrolmentRequired)
        {
            return LinkPages.Message("One more step in your account",
                success.Session.PasswordChangeRequired
                    ? "You must choose a new password before signing in to apps. Do so in your account, then sign in again."
                    : "An organization you belong to requires two-factor login. Turn it on in your account, then sign in again.");
        }

        return TypedResults.Redirect(returnUrl);
    }

    private static bool IsAuthorizationRequest(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(AuthorizePath + "?", StringComparison.Ordinal) && !returnUrl.Contains('\\') && !returnUrl.Contains("//", StringComparison.Ordinal);

    private static ContentHttpResult NotFromAClient() =>
        LinkPages.Message("Nothing to sign in to", "This page is reached from an app that signs you in with the platform. Go back to the app and start again.", 400);

    private static ContentHttpResult PasswordForm(string returnUrl, string? problem, int status) => LinkPages.Page("Log in", $"""
        {Alert(problem)}<form method="post" action="{Path}">
        <input type="hidden" name="returnUrl" value="{LinkPages.Encode(returnUrl)}">
        <p><label>Email<br><input type="email" name="email" autocomplete="username" required></label></p>
        <p><label>Password<br><input type="password" name="password" autocomplete="current-password" required></label></p>
        <button type="submit">Log in</button>
        </form>
        """, status);

    private static ContentHttpResult CodeForm(string challenge, string returnUrl, string? problem, int status) => LinkPages.Page("Two-factor login", $"""
        {Alert(problem)}<form method="post" action="{Path}/two-factor">
        <input type="hidden" name="challenge" value="{LinkPages.Encode(challenge)}">
        <input type="hidden" name="returnUrl" value="{LinkPages.Encode(returnUrl)}">
        <p><label>Code from your authenticator app<br><input name="code" inputmode="numeric" autocomplete="one-time-code" required></label></p>
        <button type="submit">Continue</button>
        </form>
        """, status);

    private static string Alert(string? problem) => problem is null ? "" : $"<p role=\"alert\"><strong>{LinkPages.Encode(problem)}</strong></p>";
}
