using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Problems;

namespace Platform.Notifications.Apis;

/// <summary>The notifications service's ProblemDetails, one place for their wording.</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string what, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: $"No such {what}.", detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: title, detail: detail);

    public static ValidationProblem Validation(string field, string problem) => Validation(new() { [field] = [problem] });

    public static ValidationProblem Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation, title: "The request is not valid.");
}
