using Microsoft.Extensions.Options;
using Platform.Gateway.Extensions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Gateway.Sessions;

/// <summary>
/// Resolves the caller's session once per request and keeps the result for the proxy transform. A
/// request whose session is gone continues anonymously (services answer 401 where a caller is
/// needed) and the browser is told to drop the dead cookie.
/// </summary>
public sealed class SessionMiddleware(RequestDelegate next, SessionResolver sessions, IOptions<GatewayOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var cookieName = options.Value.SessionCookieName;
        if (context.Request.Cookies.TryGetValue(cookieName, out var sessionId) && !string.IsNullOrEmpty(sessionId))
        {
            var identity = await sessions.ResolveAsync(sessionId);
            if (identity is null)
            {
                context.Response.Cookies.Delete(cookieName, new CookieOptions { Path = "/", Secure = context.Request.IsHttps, HttpOnly = true });
            }
            else
            {
                context.Features.Set(new CallerIdentity(identity));
            }
        }

        await next(context);
    }
}

/// <summary>The identity the gateway vouches for on this request.</summary>
public sealed record CallerIdentity(InternalIdentity Identity);
