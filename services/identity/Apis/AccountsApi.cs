using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Identity.Application;
using Platform.Identity.Audit;
using Platform.Identity.Extensions;
using Platform.Identity.Model;

namespace Platform.Identity.Apis;

/// <summary>Anonymous account flows: sign-up, verification, forgotten passwords, email change confirmation.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/accounts").WithTags("Accounts").AllowAnonymous();
        accounts.MapPost("/", Register).WithName("Register").WithSummary("Sign up with email, password, name and optionally a language (en, de)")
            .WithDescription("Always answers 202 with the same body, whether or not the email is already registered; the owner of a taken address is told by email.");
        accounts.MapPost("/verification", Verify).WithName("VerifyEmail").WithSummary("Verify the email address with the token from the link");
        accounts.MapPost("/verification/resend", ResendVerification).WithName("ResendVerification").WithSummary("Send the verification link again (rate-limited; always 202)");
        accounts.MapPost("/password/forgot", ForgotPassword).WithName("ForgotPassword").WithSummary("Send a password reset link (always 202)");
        accounts.MapPost("/password/reset", ResetPassword).WithName("ResetPassword").WithSummary("Choose a new password with the token from the link; ends every session");
        accounts.MapPost("/email/confirm", ConfirmEmailChange).WithName("ConfirmEmailChange").WithSummary("Confirm a new email address with the token from the link");
        return routes;
    }

    public static async Task<Results<Accepted<AcceptedResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterAccountRequest request, SignUp signUp, PasswordRules rules, IOptions<AccountOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.SelfSignUp) return Problems.SignUpClosed();
        if (!Registration.TryCreate(request.Email, request.Password, request.FirstName, request.LastName, request.Language, rules, out var registration, out var errors))
        {
            return Problems.Validation(errors);
        }

        await signUp.RegisterAsync(registration, cancellationToken);
        return TypedResults.Accepted((string?)null, AcceptedResponse.SignUp);
    }

    public static async Task<Results<Ok<DoneResponse>, ProblemHttpResult>> Verify(TokenRequest request, EmailVerification verification, CancellationToken cancellationToken) =>
        await verification.VerifyAsync(request.Token, cancellationToken) ? TypedResults.Ok(DoneResponse.EmailVerified) : Problems.InvalidLink();

    // Both answer before looking the address up (LinkRequestQueue), so their timing tells nothing about it.
    public static Accepted<AcceptedResponse> ResendVerification(EmailRequest request, LinkRequestQueue queue, AuditTrail audit)
    {
        queue.Enqueue(LinkRequestKind.VerificationResend, request.Email, audit.Context());
        return TypedResults.Accepted((string?)null, AcceptedResponse.Link);
    }

    public static Accepted<AcceptedResponse> ForgotPassword(EmailRequest request, LinkRequestQueue queue, AuditTrail audit)
    {
        queue.Enqueue(LinkRequestKind.PasswordReset, request.Email, audit.Context());
        return TypedResults.Accepted((string?)null, AcceptedResponse.Link);
    }

    public static async Task<Results<Ok<DoneResponse>, ValidationProblem, ProblemHttpResult>> ResetPassword(
        ResetPasswordRequest request, PasswordReset reset, CancellationToken cancellationToken) =>
        await reset.ResetAsync(request.Token, request.NewPassword, cancellationToken) switch
        {
            PasswordResetResult.Done => TypedResults.Ok(DoneResponse.PasswordReset),
            PasswordResetResult.Unacceptable(var problem) => Problems.Validation("newPassword", problem),
            _ => Problems.InvalidLink(),
        };

    public static async Task<Results<Ok<DoneResponse>, ProblemHttpResult>> ConfirmEmailChange(TokenRequest request, EmailChange change, CancellationToken cancellationToken) =>
        await change.ConfirmAsync(request.Token, cancellationToken) ? TypedResults.Ok(DoneResponse.EmailChanged) : Problems.InvalidLink();
}

/// <param name="Language">en or de: the language of the platform's emails to this person; left out, English.</param>
public sealed record RegisterAccountRequest(string? Email, string? Password, string? FirstName, string? LastName, string? Language = null);
public sealed record TokenRequest(string? Token);
public sealed record EmailRequest(string? Email);
public sealed record ResetPasswordRequest(string? Token, string? NewPassword);

public sealed record AcceptedResponse(string Status, string Detail)
{
    public static readonly AcceptedResponse SignUp = new("accepted", "If this address can be registered, an email with the next step is on its way.");
    public static readonly AcceptedResponse Link = new("accepted", "If an account can use it, a link is on its way to that address.");
}

public sealed record DoneResponse(string Status, string Detail)
{
    public static readonly DoneResponse EmailVerified = new("verified", "The email address is verified; you can log in.");
    public static readonly DoneResponse PasswordReset = new("password-reset", "The password is changed and every session has ended; log in with the new one.");
    public static readonly DoneResponse EmailChanged = new("email-changed", "The account now uses the new email address.");
}
