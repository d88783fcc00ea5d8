using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Apis;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Pages;

namespace Platform.Identity.OpenIdConnect;

public static class OpenIdConnectEndpoints
{
    /// <summary>
    /// The passthrough endpoints (OpenIddict validates each request first and answers discovery, JWKS, revocation and
    /// introspection itself) and the login pages. They admit anonymous callers: the protocol says who may do what.
    /// </summary>
    public static IEndpointRouteBuilder MapOpenIdConnectEndpoints(this IEndpointRouteBuilder routes)
    {
        var connect = routes.MapGroup("/connect").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizationEndpoint.Authorize);
        connect.MapPost("/token", TokenEndpoint.Exchange);
        connect.MapMethods("/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoEndpoint.UserInfo);
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoint.EndSession);

        // The login form's redirect chain ends at the client's address, which form-action 'self' would block in browsers.
        var pages = connect.MapGroup("").WithLinkPageHeaders().AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            context.HttpContext.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            return result;
        });
        pages.MapGet("/login", OpenIdLoginPages.Show);
        pages.MapPost("/login", OpenIdLoginPages.LogIn);
        pages.MapPost("/login/two-factor", OpenIdLoginPages.CompleteTwoFactor);
        pages.MapGet("/logged-out", OpenIdLoginPages.LoggedOut);

        routes.MapAccountAuthorizationsApi();

        // Not routed by the gateway (it answers 404 for /api/*/internal/**), and only for the gateway's own token.
        routes.MapPost("/internal/openid/access-tokens/status", CheckAccessToken).RequireAuthorization(InternalTokenValidation.GatewayPolicy)
            .ExcludeFromDescription();
        routes.MapGet("/internal/openid/browser-origins", BrowserOrigins).RequireAuthorization(InternalTokenValidation.GatewayPolicy)
            .ExcludeFromDescription();
        return routes;
    }

    public static async Task<Ok<BrowserOriginsResult>> BrowserOrigins(OpenIdClients clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BrowserOriginsResult(await clients.BrowserOriginsAsync(cancellationToken)));

    public static async Task<Ok<AccessTokenStatusResult>> CheckAccessToken(
        AccessTokenStatusRequest request, AccessTokenStatus status, CancellationToken cancellationToken) =>
        TypedResults.Ok(await status.CheckAsync(request.TokenId, cancellationToken));
}

/// <summary>The origins of public clients' redirect addresses: the pages a browser app runs on, which the gateway answers cross-origin.</summary>
public sealed record BrowserOriginsResult(IReadOnlyList<string> Origins);
