using Microsoft.Extensions.Options;
using Platform.Gateway.Extensions;
using Platform.ServiceDefaults.Problems;

namespace Platform.Gateway.Security;

/// <summary>
/// Cross-site request forgery defence for the session cookie. SameSite=Lax keeps the cookie off
/// cross-site POSTs but not off requests from a sibling subdomain (same site, other origin), so an
/// unsafe request a browser marks as coming from another origin is refused: by <c>Sec-Fetch-Site</c>
/// where the browser sends it, else by <c>Origin</c>. Requests with neither header come from programs,
/// not browsers (they hold no cookie a page could abuse), and pass; so do requests that carry their own token, for
/// which the cookie is not read (<see cref="BrowserAppsCorsMiddleware.CarriesItsOwnCredentials"/>).
/// </summary>
public sealed class CrossOriginRequestsMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || BrowserAppsCorsMiddleware.CarriesItsOwnCredentials(request) || IsAllowed(request))
        {
            await next(context);
            return;
        }

        await problems.RefuseAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.CrossOriginRequest, "Cross-origin request refused.",
            $"A browser sent this {request.Method} from another origin ({Describe(request)}); only pages of this origin"
                    + " and the configured trusted origins may change data.");
    }

    private bool IsAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && IsTrusted(origin)) return true;
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        // "none": typed in the address bar or opened from a bookmark, not sent by a page.
        if (fetchSite.Length > 0) return fetchSite is "same-origin" or "none";
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private bool IsTrusted(string origin) =>
        options.Value.TrustedOrigins.Any(trusted => string.Equals(trusted.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));

    private static string Describe(HttpRequest request) =>
        request.Headers.Origin.Count > 0 ? $"Origin {request.Headers.Origin}" : $"Sec-Fetch-Site {request.Headers["Sec-Fetch-Site"]}";
}
