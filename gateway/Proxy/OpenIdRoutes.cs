using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Platform.Gateway.Proxy;

/// <summary>
/// The OpenID provider's routes (<c>/.well-known/openid-configuration</c>, <c>/.well-known/jwks</c>, <c>/connect/*</c>,
/// marked with route metadata <c>OpenIdConnect: true</c>) need the client's own <c>Authorization</c> header
/// (<c>client_secret_basic</c>, or the access token at userinfo) beside the internal token that takes its place:
/// it travels in <see cref="ClientAuthorizationHeader"/>. Identity hands it to OpenIddict, which checks it. On every
/// other route an inbound header of that name is dropped, like any other header a client could forge.
/// </summary>
internal sealed class OpenIdRoutes : ITransformProvider
{
    public const string MetadataKey = "OpenIdConnect";
    public const string ClientAuthorizationHeader = "X-OpenId-Authorization";

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    public void Apply(TransformBuilderContext context)
    {
        var openId = context.Route.Metadata?.TryGetValue(MetadataKey, out var value) == true && value == "true";
        context.AddRequestTransform(transform =>
        {
            var headers = transform.ProxyRequest.Headers;
            headers.Remove(ClientAuthorizationHeader);
            var authorization = transform.HttpContext.Request.Headers.Authorization.ToString();
            if (openId && authorization.Length > 0) headers.TryAddWithoutValidation(ClientAuthorizationHeader, authorization);
            return ValueTask.CompletedTask;
        });
    }
}
