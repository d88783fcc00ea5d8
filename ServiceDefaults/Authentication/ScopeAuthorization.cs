using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// Endpoint metadata: a request made with an API token (its internal token has a <c>scope</c>
/// claim) may use this endpoint when it holds one of <see cref="Scopes"/>.
/// </summary>
public sealed class RequiredScopeMetadata(params string[] scopes)
{
    public IReadOnlyList<string> Scopes { get; } = scopes;
}

public static class ScopeEndpointExtensions
{
    /// <summary>Opens the endpoint to API tokens holding one of <paramref name="scopes"/>; sessions are unaffected.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScopeMetadata(scopes));
}

/// <summary>
/// Runs with every authorization decision (the fallback policy and named ones alike), so an endpoint
/// that declares no scope is closed to API tokens by default: forgetting a declaration fails safe.
/// Browser sessions carry no <c>scope</c> claim and are left to the endpoint's own policy.
/// Anonymous endpoints are not evaluated at all; they need no caller.
/// </summary>
internal sealed class ScopeAuthorizationHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.FindFirst(InternalClaims.Scope)?.Value is not { } granted) return Task.CompletedTask;

        var held = granted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var required = (context.Resource as HttpContext)?.GetEndpoint()?.Metadata.GetMetadata<RequiredScopeMetadata>();
        if (required is null || !required.Scopes.Any(held.Contains))
        {
            context.Fail(new AuthorizationFailureReason(this, "The token does not hold a scope this endpoint accepts."));
        }

        return Task.CompletedTask;
    }
}
