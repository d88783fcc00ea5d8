using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Apis;

/// <summary>The identity service's ProblemDetails, one place for their wording.</summary>
internal static class Problems
{
    public static ProblemHttpResult InvalidCredentials() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.InvalidCredentials,
        title: "Login failed.", detail: "The email or password is incorrect, or the account cannot log in.");

    public static ProblemHttpResult InvalidSecondFactor() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, type: ProblemTypes.InvalidCredentials,
        title: "Login failed.", detail: "The code is not valid, or the login step has expired; log in again if it persists.");

    public static ProblemHttpResult EmailNotVerified() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.EmailNotVerified,
        title: "The email address is not verified yet.",
        detail: "Follow the link in the verification email, or ask for a new one (POST /accounts/verification/resend).");

    public static ProblemHttpResult InvalidLink() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidLink,
        title: "The link is invalid or has expired.", detail: "Links work once and expire; ask for a new one.");

    public static ProblemHttpResult SignUpClosed() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.SignUpClosed,
        title: "Sign-up is closed.", detail: "Accounts on this platform are created by invitation or by an administrator.");

    public static ValidationProblem Validation(string field, string problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, type: ProblemTypes.Validation);

    public static ValidationProblem Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
}
