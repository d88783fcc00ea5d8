using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Platform.ServiceDefaults.Problems;

/// <summary>
/// Malformed or oversized requests that fail while binding (bad JSON, a wrongly typed field, a body
/// over the limit) are the caller's fault: answer their own 4xx with what was wrong, never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Type = status == StatusCodes.Status413PayloadTooLarge ? ProblemTypes.PayloadTooLarge : ProblemTypes.MalformedRequest,
            Title = status == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
            Detail = Describe(bad),
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // The JSON reader's message names the path and position of the fault and nothing of the server.
    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"The body is not valid JSON for this request: {json.Message}",
        _ => bad.Message,
    };
}
