using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// The gateway's token for a caller it could not identify has no subject. It proves the request came
/// through the gateway (see <see cref="InternalTokenGate"/>) but names no one, so authentication ends
/// with no result: endpoints that require a caller answer 401 exactly as without a token, and
/// anonymous ones (<c>AllowAnonymous</c>) serve it.
/// </summary>
public static class AnonymousInternalToken
{
    private static readonly object Marker = new();

    internal static Task KeepCallerAnonymous(TokenValidatedContext context)
    {
        if (context.Principal?.FindFirst(InternalClaims.Subject) is null)
        {
            context.HttpContext.Items[Marker] = true;
            context.NoResult();
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether the gateway forwarded this request: it carries a valid internal token, anonymous or not.</summary>
    public static bool ForwardedByGateway(HttpContext context) =>
        context.Items.ContainsKey(Marker) || context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true };
}
