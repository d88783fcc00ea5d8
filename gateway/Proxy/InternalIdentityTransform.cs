using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Sessions;
using Platform.Gateway.Sessions;
using Platform.ServiceDefaults.Authentication;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Proxy;

/// <summary>
/// What crosses the gateway: no inbound header that could pass for an identity, no session cookie;
/// instead the gateway's own short-lived token for the caller it resolved, or its anonymous token
/// (services refuse any request without one), and the path prefix it removed, for the public
/// <c>instance</c> of a service's ProblemDetails.
/// </summary>
internal sealed class InternalIdentityTransform(InternalTokenIssuer issuer, IOptions<BrowserSessionOptions> options) : ITransformProvider
{
    // Prefixes of headers some proxies and frameworks treat as an authenticated identity.
    private static readonly string[] IdentityHeaderPrefixes =
        ["x-user", "x-internal", "x-auth", "x-remote-user", "x-forwarded-user", "x-forwarded-email", "x-platform", "x-impersonat", "x-ms-client-principal"];

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        // YARP's default X-Forwarded-* transforms run after the providers' and would overwrite the prefix.
        context.AddXForwarded();
        context.AddRequestTransform(Forward);
    }

    private ValueTask Forward(RequestTransformContext transform)
    {
        var headers = transform.ProxyRequest.Headers;
        headers.Remove("Authorization");
        foreach (var name in headers.Select(h => h.Key).Where(IsIdentityHeader).ToList())
        {
            headers.Remove(name);
        }

        RemoveSessionCookie(transform);

        var token = transform.HttpContext.Features.Get<CallerIdentity>() is { } caller ? issuer.Issue(caller.Identity) : issuer.IssueAnonymous();
        headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        SetForwardedPrefix(transform);
        return ValueTask.CompletedTask;
    }

    // The route's PathRemovePrefix has run: what it removed is the original path minus the path sent on.
    private static void SetForwardedPrefix(RequestTransformContext transform)
    {
        var headers = transform.ProxyRequest.Headers;
        headers.Remove(ForwardedHeadersDefaults.XForwardedPrefixHeaderName);
        var original = transform.HttpContext.Request.Path.Value ?? "";
        var forwarded = transform.Path.Value ?? "";
        if (original.Length > forwarded.Length && original.EndsWith(forwarded, StringComparison.Ordinal))
        {
            headers.TryAddWithoutValidation(ForwardedHeadersDefaults.XForwardedPrefixHeaderName, original[..^forwarded.Length]);
        }
    }

    private static bool IsIdentityHeader(string name) =>
        IdentityHeaderPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    // The session id is a bearer secret: services get the token, never the cookie.
    private void RemoveSessionCookie(RequestTransformContext transform)
    {
        var cookieName = options.Value.CookieName;
        var request = transform.HttpContext.Request;
        if (!request.Cookies.ContainsKey(cookieName))
        {
            return;
        }

        transform.ProxyRequest.Headers.Remove("Cookie");
        var others = request.Cookies.Where(c => c.Key != cookieName).Select(c => $"{c.Key}={Uri.EscapeDataString(c.Value)}").ToList();
        if (others.Count > 0)
        {
            transform.ProxyRequest.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", others));
        }
    }
}
