using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.OpenIdConnect;

/// <summary>
/// Prepares a request for the OpenID endpoints before OpenIddict sees it. Such a request carries two
/// credentials: the gateway's internal token (who is logged in, in <c>Authorization</c>) and the
/// client's own (<c>client_secret_basic</c> or an access token), which the gateway moves to
/// <see cref="ClientAuthorizationHeader"/>. The internal token is checked first (the handler keeps the
/// result for the rest of the request); then the client's header takes its place for OpenIddict, and
/// the scheme and host the gateway was called with become the request's, so the issuer and every
/// endpoint in discovery are the gateway's public addresses.
/// </summary>
public sealed class OpenIdRequestsFromGateway(RequestDelegate next)
{
    public const string ClientAuthorizationHeader = "X-OpenId-Authorization";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsOpenIdPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        var caller = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!caller.Succeeded && !AnonymousInternalToken.ForwardedByGateway(context))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.RefuseAsync(StatusCodes.Status401Unauthorized, ProblemTypes.GatewayRequired, "Call this service through the gateway.",
                "The OpenID endpoints answer only requests the gateway forwarded; send the request to the gateway's /connect address.");
            return;
        }

        var headers = context.Request.Headers;
        headers.Authorization = headers[ClientAuthorizationHeader];
        headers.Remove(ClientAuthorizationHeader);
        if (LastValue(headers["X-Forwarded-Proto"]) is { } scheme && (scheme == "http" || scheme == "https")) context.Request.Scheme = scheme;
        if (LastValue(headers["X-Forwarded-Host"]) is { } host) context.Request.Host = new HostString(host);
        await next(context);
    }

    public static bool IsOpenIdPath(PathString path) =>
        path.StartsWithSegments("/connect") || path.StartsWithSegments("/.well-known");

    // The gateway appends what it saw to anything the client sent: its value is the last.
    private static string? LastValue(string? header) =>
        string.IsNullOrWhiteSpace(header) ? null : header.Split(',')[^1].Trim();
}
