using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Problems;

namespace Platform.Membership.Apis;

internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: $"{what} not found.",
        detail: $"No {what.ToLowerInvariant()} with this id is visible to you.");

    public static ProblemHttpResult Forbidden(string reason) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden, title: "Not allowed.", detail: Capitalize(reason) + ".");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "The request conflicts with the current state.", detail: detail);

    public static ProblemHttpResult Archived() => Conflict("The organization is archived; it can be read but not changed.");

    public static ValidationProblem Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

    public static ValidationProblem Validation(string field, string problem) => Validation(new() { [field] = [problem] });

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
