using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Application;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Apis;

/// <summary>The administration API's ProblemDetails.</summary>
internal static class AdminProblems
{
    public static ProblemHttpResult UnknownUser() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound,
        title: "No such user.", detail: "No account has this id.");

    /// <summary>Another organization's data does not exist for the caller.</summary>
    public static ProblemHttpResult UnknownOrganization(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "No such organization.", detail: detail);

    /// <summary>The account is not a member of the organization in the route (or does not exist: the caller cannot tell).</summary>
    public static ProblemHttpResult UnknownMember(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: "No such member.", detail: detail);

    public static ProblemHttpResult EmailTaken() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict,
        title: "The email address is taken.", detail: "Another account uses this email address.");

    /// <summary>The account's state (or who is asking) does not allow the move; the detail says why.</summary>
    public static ProblemHttpResult Refused(string reason) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.StateTransition,
        title: "The account's state does not allow this.", detail: reason);

    public static ProblemHttpResult Forbidden(string reason) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden, title: "Not allowed.", detail: reason);

    /// <summary>Names the organizations (id and name) whose ownership must move first.</summary>
    public static ProblemHttpResult OwnsOrganizations(IReadOnlyList<OwnedOrganization> owned) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict,
        title: "The account owns organizations.",
        detail: $"The account owns {string.Join(", ", owned.Select(o => o.Name.Length > 0 ? $"'{o.Name}' ({o.Id})" : o.Id.ToString()))}; "
            + "transfer their ownership to an admin or manager first (POST /api/membership/organizations/{id}/ownership).",
        extensions: new Dictionary<string, object?> { ["organizations"] = owned });

    public static ValidationProblem InvalidId() => Problems.Validation("id", "The user id must be a UUID.");
}
