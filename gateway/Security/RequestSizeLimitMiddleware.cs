using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.Gateway.Extensions;
using Platform.ServiceDefaults.Problems;

namespace Platform.Gateway.Security;

/// <summary>
/// Refuses a declared oversized body before anything reads it. Bodies without a length (chunked) are
/// cut off by Kestrel's own limit, set to the same value.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Type = ProblemTypes.PayloadTooLarge,
                    Title = "The request body is too large.",
                    Detail = $"The body has {context.Request.ContentLength} bytes; at most {limit} are accepted.",
                },
            });
            return;
        }

        await next(context);
    }
}
