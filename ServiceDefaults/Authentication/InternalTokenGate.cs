using Microsoft.AspNetCore.Http;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Problems;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// A service answers only what the gateway forwarded: every request but the probes must carry a valid
/// internal token, the gateway's anonymous one included. Without it even anonymous endpoints (login,
/// sign-up, the pages behind emailed links) answer 401, so nothing skips the gateway's limits.
/// </summary>
internal sealed class InternalTokenGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HealthEndpoints.IsProbe(context.Request.Path) || AnonymousInternalToken.ForwardedByGateway(context))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.RefuseAsync(StatusCodes.Status401Unauthorized, ProblemTypes.GatewayRequired, "Call this service through the gateway.",
            "This service answers only requests the gateway forwarded with its internal token; send the request to the gateway's /api/<service> address.");
    }
}
