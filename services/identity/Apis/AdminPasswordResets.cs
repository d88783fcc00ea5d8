using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Application;
using Platform.Identity.Model;

namespace Platform.Identity.Apis;

/// <summary>
/// An administrator's password reset, alike for platform administrators and an organization's owner
/// and admins: email a reset link (mode <c>link</c>) or set a temporary password (mode <c>temporary</c>).
/// </summary>
internal static class AdminPasswordResets
{
    /// <summary>The request's own mistakes, before any account is looked up.</summary>
    public static ValidationProblem? Check(AdminPasswordResetRequest request) =>
        !IsTemporary(request) && !string.Equals(request.Mode, "link", StringComparison.Ordinal) ? Problems.Validation("mode", "mode is link or temporary.")
        : !IsTemporary(request) && request.TemporaryPassword is not null ? Problems.Validation("temporaryPassword", "A temporary password goes only with mode temporary.")
        : null;

    public static async Task<Results<Ok<AdminPasswordResetResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        User user, AdminPasswordResetRequest request, Guid actorId, UserAdministration admin, PasswordRules rules, CancellationToken cancellationToken)
    {
        if (!IsTemporary(request))
        {
            return await admin.SendPasswordLinkAsync(user, actorId, cancellationToken) is AdministrationResult.Refused(var refusal)
                ? AdminProblems.Refused(refusal)
                : TypedResults.Ok(new AdminPasswordResetResponse("link", 0, ResetEmailSending.Queued));
        }

        if (rules.Check(request.TemporaryPassword, new PasswordContext(user.Email, user.FirstName, user.LastName)) is { } problem)
        {
            return Problems.Validation("temporaryPassword", problem);
        }

        var (result, ended) = await admin.SetTemporaryPasswordAsync(user, request.TemporaryPassword!, actorId, cancellationToken);
        return result is AdministrationResult.Refused(var reason)
            ? AdminProblems.Refused(reason)
            : TypedResults.Ok(new AdminPasswordResetResponse("temporary", ended));
    }

    private static bool IsTemporary(AdminPasswordResetRequest request) => string.Equals(request.Mode, "temporary", StringComparison.Ordinal);
}
