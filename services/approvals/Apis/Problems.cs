using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Problems;

namespace Platform.Approvals.Apis;

internal static class Problems
{
    public static ProblemHttpResult NotFound(string what) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound, title: $"{what} not found.",
        detail: $"No {what.ToLowerInvariant()} with this id is visible to you.");

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden, title: "Not allowed.", detail: detail);

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.Conflict, title: "The request conflicts with the current state.", detail: detail);

    public static ProblemHttpResult StateTransition(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: ProblemTypes.StateTransition, title: "Not possible in this state.", detail: detail);

    public static ProblemHttpResult ChangedMeanwhile() =>
        Conflict("The request changed while this call was being handled; read it again and retry.");

    public static ProblemHttpResult Archived() => Conflict("The organization is archived; it takes no new requests.");

    public static ValidationProblem Validation(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

    public static ValidationProblem Validation(string field, string problem) => Validation(new() { [field] = [problem] });
}
