using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Routing's own refusals skip authorization: no route (404), a route that does not take the method
/// (405) or the body's media type (415, a <c>text/plain</c> POST to a JSON endpoint). Routing marks the
/// last two with an endpoint of its own that no API declared, so the deny-by-default fallback policy
/// would turn them into a 401 that sends the caller off to log in for a request that is wrong anyway.
/// Only a request the gateway forwarded gets here (<see cref="Authentication.InternalTokenGate"/>).
/// </summary>
internal sealed class RoutingRefusals(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        switch (context.GetEndpoint())
        {
            case null:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            case RouteEndpoint:
                return next(context);
            case { RequestDelegate: { } refusal }:
                return refusal(context);
            default:
                return next(context);
        }
    }
}
