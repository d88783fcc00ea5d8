using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Audit;
using Platform.Identity.Infrastructure;
using Platform.Identity.OpenIdConnect;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>The third-party apps I allowed to sign me in (OpenID Connect consent), and withdrawing that permission.</summary>
public static class AccountAuthorizationsApi
{
    public static IEndpointRouteBuilder MapAccountAuthorizationsApi(this IEndpointRouteBuilder routes)
    {
        var authorizations = routes.MapGroup("/account/authorizations").WithTags("My account");
        authorizations.MapGet("/", List).RefuseClientApps().WithName("ListMyAppAuthorizations")
            .WithSummary("The third-party apps I allowed to sign me in, with what I allowed each");
        authorizations.MapDelete("/{id}", Revoke).RequireOwnerInPerson().WithName("RevokeMyAppAuthorization")
            .WithSummary("Withdraw an app's permission: its tokens stop working within a second, and it asks again next time")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Ok<List<AppAuthorizationResponse>>> List(HttpContext context, OpenIdConsents consents, CancellationToken cancellationToken) =>
        TypedResults.Ok(await consents.ListAsync(context.User.UserId(), cancellationToken));

    public static async Task<Results<NoContent, NotFound>> Revoke(
        string id, HttpContext context, OpenIdConsents consents, AuditTrail audit, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.UserId();
        if (await consents.RevokeAsync(userId, id, cancellationToken) is not { } revoked) return TypedResults.NotFound();
        audit.Record(AuditActions.OpenIdConsentRevoked, userId, userId, $"client {revoked.ClientId} scopes {string.Join(' ', revoked.Scopes)}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
