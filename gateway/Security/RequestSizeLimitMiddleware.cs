using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Platform.Gateway.Extensions;
using Platform.ServiceDefaults.Problems;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Security;

/// <summary>
/// Refuses a declared oversized body before anything reads it. Bodies without a length (chunked) are
/// cut off by Kestrel's own limit, set to the same value. A route may raise its own limit with the
/// metadata <c>MaxRequestBodyBytes</c> (membership's CSV imports do).
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (RouteLimit(context) is { } routeLimit)
        {
            limit = routeLimit;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel) kestrel.MaxRequestBodySize = routeLimit;
        }

        if (context.Request.ContentLength > limit)
        {
            await problems.RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The request body is too large.",
                $"The body has {context.Request.ContentLength} bytes; at most {limit} are accepted.");
            return;
        }

        await next(context);
    }

    private static long? RouteLimit(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.Metadata is { } metadata
        && metadata.TryGetValue(MetadataKey, out var value) && long.TryParse(value, out var bytes) && bytes > 0
            ? bytes
            : null;

    public const string MetadataKey = "MaxRequestBodyBytes";
}
