using Microsoft.Extensions.Options;
using Platform.Gateway.BrowserConsole;
using Platform.Gateway.Security;
using Platform.Gateway.Tokens;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Problems;
using Platform.ServiceDefaults.Sessions;

namespace Platform.Gateway.Sessions;

/// <summary>
/// Resolves the caller's session once per request and keeps the result for the proxy transform. A
/// request whose session is gone continues anonymously (services answer 401 where a caller is
/// needed) and the browser is told to drop the dead cookie. A session whose password must change
/// reaches only what it needs to change it; then one whose organization requires two-factor reaches
/// only what it needs to enrol.
/// </summary>
public sealed class SessionMiddleware(
    RequestDelegate next, SessionResolver sessions, ApiTokenResolver tokens, OpenIdAccessTokenResolver accessTokens, IOptions<BrowserSessionOptions> options, IProblemDetailsService problems,
    ILogger<SessionMiddleware> logger)
{
    // What a session that must choose a new password may still do: read itself, change it, log out.
    private static readonly (string Method, string Path)[] AllowedBeforePasswordChange =
    [
        ("GET", "/api/identity/account"),
        ("POST", "/api/identity/account/password"),
        ("DELETE", "/api/identity/sessions/current"),
    ];

    // What a session sent to two-factor enrolment (an organization of the user requires it) may still do.
    private static readonly (string Method, string Path)[] AllowedBeforeTwoFactorEnrolment =
    [
        ("GET", "/api/identity/account"),
        ("GET", "/api/identity/sessions/current"),
        ("POST", "/api/identity/account/two-factor"),
        ("POST", "/api/identity/account/two-factor/confirm"),
        ("DELETE", "/api/identity/sessions/current"),
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        // A client app or personal token speaks for itself; a cookie sent alongside is not consulted.
        // Any other Authorization header is dropped by the proxy transform.
        if (ApiTokenResolver.BearerSecret(context.Request) is { } secret)
        {
            if (await tokens.ResolveAsync(secret, context.RequestAborted) is not { } client)
            {
                await RefuseTokenAsync(context);
                return;
            }

            context.Features.Set(new CallerIdentity(client));
            await next(context);
            return;
        }

        // An access token of the platform's OpenID provider, likewise; a JWT that is not one (forged, expired,
        // for another audience, revoked) is refused here rather than dropped, so it never passes for anonymous.
        if (OpenIdAccessTokenResolver.BearerJwt(context.Request) is { } jwt)
        {
            if (await accessTokens.ResolveAsync(jwt, context.Request, context.RequestAborted) is not { } holder)
            {
                await RefuseTokenAsync(context);
                return;
            }

            context.Features.Set(new CallerIdentity(holder));
            await next(context);
            return;
        }

        var cookieName = options.Value.CookieName;
        if (context.Request.Cookies.TryGetValue(cookieName, out var sessionId) && !string.IsNullOrEmpty(sessionId))
        {
            var session = await sessions.ResolveAsync(sessionId);
            if (session is null)
            {
                context.Response.Cookies.Delete(cookieName, new CookieOptions { Path = "/", Secure = options.Value.SecureCookie, HttpOnly = true });
            }
            else if (ConsoleHosting.IsConsoleRequest(context.Request))
            {
                // The console's own files and routes hold no data: a held session loads them to reach the screen that releases it.
                context.Features.Set(new CallerIdentity(session.Identity));
            }
            else if (session.PasswordChangeRequired && !IsAllowed(AllowedBeforePasswordChange, context.Request))
            {
                await RefuseUntilPasswordChangedAsync(context);
                return;
            }
            else if (!session.PasswordChangeRequired && session.TwoFactorEnrolmentRequired && !IsAllowed(AllowedBeforeTwoFactorEnrolment, context.Request))
            {
                await RefuseUntilTwoFactorEnrolledAsync(context);
                return;
            }
            else
            {
                context.Features.Set(new CallerIdentity(session.Identity));
                if (session.Identity.ImpersonatorId is { } impersonator)
                {
                    // Every request made while impersonating is recorded here, with both identities, for
                    // every service alike; identity also audits the start and end in the user's own trail.
                    logger.LogInformation(
                        "Impersonated request {Method} {Path} by administrator {ImpersonatorId} as user {UserId} (session {SessionHandle})",
                        context.Request.Method, context.Request.Path.Value, impersonator, session.Identity.UserId, session.Identity.SessionId);
                }
            }
        }

        await next(context);
    }

    private static bool IsAllowed((string Method, string Path)[] allowedRequests, HttpRequest request) =>
        allowedRequests.Any(allowed =>
            HttpMethods.Equals(allowed.Method, request.Method) && request.Path.Equals(allowed.Path, StringComparison.OrdinalIgnoreCase));

    private ValueTask RefuseTokenAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return problems.RefuseAsync(context, StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials, "The token is not valid.",
            "The token is unknown, expired or revoked.");
    }

    private ValueTask RefuseUntilTwoFactorEnrolledAsync(HttpContext context)
    {
        return problems.RefuseAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.TwoFactorEnrolmentRequired, "Two-factor login is required.",
            "An organization you belong to requires two-factor login: enrol an authenticator (POST /api/identity/account/two-factor, "
                    + "then POST /api/identity/account/two-factor/confirm) before doing anything else.");
    }

    private ValueTask RefuseUntilPasswordChangedAsync(HttpContext context)
    {
        return problems.RefuseAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.PasswordChangeRequired, "A new password is required.",
            "Choose a new password (POST /api/identity/account/password) before doing anything else.");
    }
}

/// <summary>The identity the gateway vouches for on this request.</summary>
public sealed record CallerIdentity(InternalIdentity Identity);
