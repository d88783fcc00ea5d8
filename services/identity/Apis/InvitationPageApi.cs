using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Identity.Application;
using Platform.Identity.Model;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Pages;

namespace Platform.Identity.Apis;

/// <summary>
/// The page behind an invitation link for someone without an account (<c>/api/identity/invitation</c>):
/// choose a password, be logged in, and go on to membership's page that accepts the invitation.
/// Served like the other link pages: opening it never uses the link up; the form's POST does, and
/// the secret in the form is what authorizes it.
/// </summary>
public static class InvitationPageApi
{
    /// <summary>Membership's acceptance of the same invitation, behind the gateway; the secret is the same.</summary>
    public const string AcceptPath = "/api/membership/invitations/accept";

    public static IEndpointRouteBuilder MapInvitationPageApi(this IEndpointRouteBuilder routes)
    {
        var page = routes.MapGroup("/invitation").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery().WithLinkPageHeaders();
        page.MapGet("/", Show);
        page.MapPost("/", SetPassword);
        page.MapPost("/verify", ConfirmAddress);
        return routes;
    }

    public static async Task<ContentHttpResult> Show(string? token, InvitationSignUp signUp, PasswordRules rules, CancellationToken cancellationToken) =>
        await signUp.InspectAsync(token, cancellationToken) switch
        {
            InvitationLinkState.Usable(var user) => Form(token!, user.Email, rules.MinLength),
            InvitationLinkState.Unverified(var user) => ConfirmForm(token!, user.Email),
            InvitationLinkState.PasswordAlreadySet => LogInInstead(token!),
            _ => Invalid(),
        };

    public static async Task<Results<SeeOtherHttpResult, ContentHttpResult>> SetPassword(
        [FromForm] string? token, [FromForm] string? password, InvitationSignUp signUp, SessionCookie cookie, PasswordRules rules,
        HttpContext context, CancellationToken cancellationToken)
    {
        var result = await signUp.SetPasswordAsync(token, password, context.Request.Headers.UserAgent.ToString(), cancellationToken);
        switch (result)
        {
            case InvitationSignUpResult.Done(var login):
                cookie.Set(context.Response, login.SessionId, login.Session.AbsoluteExpiresAt);
                return new SeeOtherHttpResult(AcceptLink(token!));
            case InvitationSignUpResult.Unacceptable(var problem):
                var email = await signUp.InspectAsync(token, cancellationToken) is InvitationLinkState.Usable(var user) ? user.Email : "";
                return Form(token!, email, rules.MinLength, problem);
            case InvitationSignUpResult.PasswordAlreadySet:
                return LogInInstead(token!, 409);
            default:
                return Invalid();
        }
    }

    /// <summary>Signed up, never verified: the invitation proves the address; the person then logs in with their password.</summary>
    public static async Task<ContentHttpResult> ConfirmAddress([FromForm] string? token, InvitationSignUp signUp, CancellationToken cancellationToken) =>
        await signUp.VerifyAsync(token, cancellationToken) switch
        {
            InvitationVerificationResult.Verified => LinkPages.Page("Your address is verified", $"""
                <p>Log in with the password you chose when you signed up, then <a href="{HtmlEncoder.Default.Encode(AcceptLink(token!))}">accept the invitation</a>.</p>
                """, 200),
            InvitationVerificationResult.PasswordAlreadySet => LogInInstead(token!, 409),
            _ => Invalid(),
        };

    public static string AcceptLink(string token) => $"{AcceptPath}?token={Uri.EscapeDataString(token.Trim())}";

    private static ContentHttpResult Form(string token, string email, int minLength, string? problem = null)
    {
        var html = HtmlEncoder.Default;
        var error = problem is null ? "" : $"<p role=\"alert\"><strong>{html.Encode(problem)}</strong></p>";
        return LinkPages.Page("Choose your password", $"""
            <p>You were invited to join an organization. Choose a password for <strong>{html.Encode(email)}</strong>; you will then be logged in and can accept the invitation.</p>
            {error}<form method="post" action="">
            <input type="hidden" name="token" value="{html.Encode(token)}">
            <input type="email" name="username" value="{html.Encode(email)}" autocomplete="username" readonly hidden>
            <p><label>Password (at least {minLength} characters)<br><input type="password" name="password" autocomplete="new-password" required minlength="{minLength}"></label></p>
            <button type="submit">Set my password</button>
            </form>
            """, problem is null ? 200 : 400);
    }

    private static ContentHttpResult ConfirmForm(string token, string email)
    {
        var html = HtmlEncoder.Default;
        return LinkPages.Page("Confirm your address", $"""
            <p>You were invited to join an organization. <strong>{html.Encode(email)}</strong> signed up already but has not been verified; this invitation reached it, which is proof enough.</p>
            <form method="post" action="invitation/verify">
            <input type="hidden" name="token" value="{html.Encode(token)}">
            <button type="submit">Confirm my address</button>
            </form>
            """, 200);
    }

    private static ContentHttpResult LogInInstead(string token, int status = 200) => LinkPages.Page("You already have a password", $"""
        <p>This address already has an account with a password, so this link sets nothing (it may have been used already).</p>
        <p>Log in, then <a href="{HtmlEncoder.Default.Encode(AcceptLink(token))}">accept the invitation</a>.</p>
        """, status);

    private static ContentHttpResult Invalid() => LinkPages.Message(
        "This invitation link cannot be used",
        "It was used already, replaced by a newer invitation email, or has expired. Ask the person who invited you to send the invitation again.", 400);
}

/// <summary>303 See Other: after a form's POST, the browser GETs the next page.</summary>
public sealed class SeeOtherHttpResult(string location) : IResult, IStatusCodeHttpResult
{
    public string Location { get; } = location;

    public int? StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}
