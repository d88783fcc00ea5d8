using Platform.Gateway.Tokens;

namespace Platform.Gateway.Security;

/// <summary>
/// Cross-origin access for browser apps (public OpenID clients, <see cref="BrowserAppOrigins"/>): from the origin of a
/// registered redirect address, a page may read discovery and the keys, redeem codes and refresh tokens, revoke, read
/// userinfo, and call the APIs with its access token. Never with credentials: the session cookie does not travel
/// cross-origin, so this opens nothing to a page that holds no token. Any other origin gets no CORS headers, and the
/// browser keeps the answer from it. Any page can become such an origin by registering a public client (as in Keycloak),
/// which gives it nothing: without credentials, a cross-origin call reaches only what the token it carries reaches.
/// </summary>
public sealed class BrowserAppsCorsMiddleware(RequestDelegate next, BrowserAppOrigins origins)
{
    private static readonly string[] OpenIdPaths = ["/connect/token", "/connect/revoke", "/connect/userinfo", "/.well-known"];
    private const string Methods = "GET, POST, PUT, PATCH, DELETE";
    private const string ExposedHeaders = "Location, Retry-After, WWW-Authenticate";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        var headers = context.Response.Headers;
        if (IsOpenToBrowserApps(request.Path)) headers.Append("Vary", "Origin"); // a shared cache keeps answers per origin
        if (origin.Length == 0 || IsSameOrigin(origin, request) || !IsOpenToBrowserApps(request.Path)
            || !await origins.IsAllowedAsync(origin, context.RequestAborted))
        {
            await next(context);
            return;
        }

        headers.AccessControlAllowOrigin = origin;
        if (HttpMethods.IsOptions(request.Method) && request.Headers.AccessControlRequestMethod.Count > 0)
        {
            // The preflight: answered here, since no service routes OPTIONS.
            headers.AccessControlAllowMethods = Methods;
            if (request.Headers.AccessControlRequestHeaders is { Count: > 0 } asked) headers.AccessControlAllowHeaders = asked;
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        headers.AccessControlExposeHeaders = ExposedHeaders;
        await next(context);
    }

    // The console's own requests carry the gateway's origin; they need no CORS and no question to identity.
    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static bool IsOpenToBrowserApps(PathString path) =>
        path.StartsWithSegments("/api") || OpenIdPaths.Any(p => path.StartsWithSegments(p));

    /// <summary>
    /// Whether an unsafe request needs no defence against cross-site request forgery: it carries a token of its own that
    /// the gateway reads instead of the cookie, or goes to an OpenID endpoint that reads no cookie (the client
    /// authenticates itself there).
    /// </summary>
    public static bool CarriesItsOwnCredentials(HttpRequest request) =>
        ApiTokenResolver.BearerSecret(request) is not null
        || OpenIdAccessTokenResolver.BearerJwt(request) is not null
        || request.Path.StartsWithSegments("/connect/token") || request.Path.StartsWithSegments("/connect/revoke")
        || (request.Path.StartsWithSegments("/connect/userinfo") && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase));
}
