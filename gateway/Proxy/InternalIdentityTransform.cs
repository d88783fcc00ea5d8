using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Sessions;
using Platform.Gateway.Sessions;
using Platform.ServiceDefaults.Authentication;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Proxy;

/// <summary>
/// What crosses the gateway: no inbound header that could pass for an identity, no session cookie;
/// instead the gateway's own short-lived token for the caller it resolved.
/// </summary>
internal sealed class InternalIdentityTransform(InternalTokenIssuer issuer, IOptions<BrowserSessionOptions> options) : ITransformProvider
{
    // Prefixes of headers some proxies and frameworks treat as an authenticated identity.
    private static readonly string[] IdentityHeaderPrefixes =
        ["x-user", "x-internal", "x-auth", "x-remote-user", "x-forwarded-user", "x-forwarded-email", "x-platform", "x-impersonat", "x-ms-client-principal"];

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context) => context.AddRequestTransform(transform =>
    {
        var headers = transform.ProxyRequest.Headers;
        headers.Remove("Authorization");
        foreach (var name in headers.Select(h => h.Key).Where(IsIdentityHeader).ToList())
        {
            headers.Remove(name);
        }

        RemoveSessionCookie(transform);

        if (transform.HttpContext.Features.Get<CallerIdentity>() is { } caller)
        {
            headers.TryAddWithoutValidation("Authorization", $"Bearer {issuer.Issue(caller.Identity)}");
        }

        return ValueTask.CompletedTask;
    });

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
