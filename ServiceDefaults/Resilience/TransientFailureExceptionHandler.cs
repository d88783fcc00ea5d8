using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Problems;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// What still fails after the retries (<see cref="TransientRetryStrategy"/>) because PostgreSQL, Redis
/// or another service is away answers 503 with <c>Retry-After</c>, never 500: the client did nothing wrong and may try again.
/// A transaction that failed this way rolled back, so nothing was half-written.
/// </summary>
internal sealed partial class TransientFailureExceptionHandler(ILogger<TransientFailureExceptionHandler> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientFailures.IsTransient(exception) || context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        LogUnavailable(exception, context.Request.Method, context.Request.Path);
        context.Response.Headers.RetryAfter = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        await context.RefuseAsync(StatusCodes.Status503ServiceUnavailable, ProblemTypes.TemporarilyUnavailable, "Temporarily unavailable.",
            $"A server this service depends on (its database, the session store or another service) is briefly unreachable; retry after {RetryAfter.TotalSeconds} s.");
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "{Method} {Path} answered 503: a backing server is unreachable")]
    private partial void LogUnavailable(Exception exception, string method, string path);
}
