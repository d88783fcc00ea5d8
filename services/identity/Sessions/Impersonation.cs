using System.Security.Claims;
using System.Text.Json;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Problems;

namespace Platform.Identity.Sessions;

public static class Impersonation
{
    /// <summary>The administrator acting as this caller (the internal token's RFC 8693 <c>act.sub</c>), or null.</summary>
    public static Guid? ImpersonatorId(this ClaimsPrincipal principal)
    {
        if (principal.FindFirst(InternalClaims.Actor)?.Value is not { Length: > 0 } actor) return null;
        using var document = JsonDocument.Parse(actor);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("sub", out var sub) && Guid.TryParse(sub.GetString(), out var id) ? id : null;
    }

    /// <summary>
    /// Credentials and what could outlast the caller's access (password, email, two-factor, tokens, client apps'
    /// secrets, impersonating) stay with the account's owner in person: refused with 403 while an administrator
    /// impersonates them, and to a client app acting with the user's OpenID access token.
    /// </summary>
    public static TBuilder RequireOwnerInPerson<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => context.HttpContext.User.ImpersonatorId() is null
            ? await next(context)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden,
                title: "Not while impersonating.",
                detail: "Credentials, tokens and impersonation stay with the account's owner; end the impersonation (DELETE /sessions/current) first."))
        .RefuseClientApps();

    /// <summary>What only the user's own sign-in may see or do (their sessions, their data export): 403 to a client app acting for them.</summary>
    public static TBuilder RefuseClientApps<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => !context.HttpContext.User.IsClientAppActingForUser()
            ? await next(context)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden,
                title: "Not with a client app's access token.",
                detail: "Credentials, sessions, tokens and impersonation stay with the account's owner, signed in to the platform themselves."));
}
