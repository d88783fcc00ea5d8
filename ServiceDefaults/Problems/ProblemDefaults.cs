using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Platform.ServiceDefaults.Authentication;

namespace Platform.ServiceDefaults.Problems;

/// <summary>
/// Fills in what a ProblemDetails lacks, so the framework's own refusals (a challenge's 401, a 404 of an
/// unknown route, a 405) read like ours: a stable <c>type</c>, a <c>detail</c> and the public path.
/// </summary>
internal static class ProblemDefaults
{
    private const string FrameworkTypePrefix = "https://tools.ietf.org/";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || problem.Type.StartsWith(FrameworkTypePrefix, StringComparison.Ordinal))
        {
            problem.Type = TypeOf(status, problem);
        }

        problem.Detail ??= DetailOf(status, context.HttpContext);
        problem.Instance ??= PublicPath(context.HttpContext);
    }

    /// <summary>
    /// The path the client called: the gateway sends on the prefix it removed (<c>/api/identity</c>) in
    /// X-Forwarded-Prefix. The prefix header counts only on a request the gateway vouched for
    /// (a valid internal token): anyone else could write anything into it.
    /// </summary>
    public static string PublicPath(HttpContext context)
    {
        var request = context.Request;
        var path = (request.PathBase + request.Path).Value ?? "/";
        var prefix = request.Headers[ForwardedHeadersDefaults.XForwardedPrefixHeaderName].ToString();
        return AnonymousInternalToken.ForwardedByGateway(context) && prefix.StartsWith('/') && !prefix.EndsWith('/') && Uri.IsWellFormedUriString(prefix, UriKind.Relative)
            ? prefix + path
            : path;
    }

    private static string TypeOf(int status, ProblemDetails problem) => status switch
    {
        StatusCodes.Status400BadRequest => problem is HttpValidationProblemDetails ? ProblemTypes.Validation : ProblemTypes.MalformedRequest,
        StatusCodes.Status401Unauthorized => ProblemTypes.AuthenticationRequired,
        StatusCodes.Status403Forbidden => ProblemTypes.Forbidden,
        StatusCodes.Status404NotFound => ProblemTypes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ProblemTypes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ProblemTypes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ProblemTypes.PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ProblemTypes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ProblemTypes.TooManyRequests,
        StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout => ProblemTypes.BadGateway,
        StatusCodes.Status503ServiceUnavailable => ProblemTypes.TemporarilyUnavailable,
        >= 500 => ProblemTypes.Unexpected,
        _ => $"urn:platform:problem:http-{status}",
    };

    private static string DetailOf(int status, HttpContext context)
    {
        var request = context.Request;
        return status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read.",
            StatusCodes.Status401Unauthorized =>
                "This needs a caller: log in (POST /api/identity/sessions) and send the session cookie, or send an API token (Authorization: Bearer plt_…).",
            StatusCodes.Status403Forbidden => "The caller may not do this.",
            StatusCodes.Status404NotFound => $"Nothing is found at {PublicPath(context)}.",
            StatusCodes.Status405MethodNotAllowed => context.Response.Headers.Allow.Count > 0
                ? $"{PublicPath(context)} does not take {request.Method}; it takes {context.Response.Headers.Allow}."
                : $"{PublicPath(context)} does not take {request.Method}.",
            StatusCodes.Status409Conflict => "The request conflicts with the current state.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"This endpoint does not take a body of type '{request.ContentType}'; send JSON (Content-Type: application/json) or the type its API reference names.",
            StatusCodes.Status429TooManyRequests => "Too many requests; retry later.",
            StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout => "The service behind the gateway did not answer; retry shortly.",
            StatusCodes.Status503ServiceUnavailable => "The service is briefly unavailable; retry shortly.",
            >= 500 => "The error was logged with the trace id below.",
            _ => $"The request was refused with status {status}.",
        };
    }
}
