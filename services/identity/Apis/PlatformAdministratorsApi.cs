using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Application;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>Platform administrators granting and revoking the role: PUT makes an account one, DELETE takes it back.</summary>
public static class PlatformAdministratorsApi
{
    public static IEndpointRouteBuilder MapPlatformAdministratorsApi(this IEndpointRouteBuilder routes)
    {
        var role = routes.MapGroup("/admin/users/{id}/platform-admin").WithTags("Administration")
            .RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        role.MapPut("/", Grant).WithName("AdminGrantPlatformAdmin").WithSummary("Make the user a platform administrator")
            .WithDescription("PUT replaces the user's role with platform administrator; there is no body. Idempotent. Refused (409) for an account that cannot be used (suspended, archived, inactive, deleted). "
                + "The user's sessions started before carry the role from their next login on.");
        role.MapDelete("/", Revoke).WithName("AdminRevokePlatformAdmin").WithSummary("Take the platform administrator role back")
            .WithDescription("Idempotent. Refused (409) for the last platform administrator whose account can be used. "
                + "Every session of the user ends, since each carries the role.");
        return routes;
    }

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Grant(
        string id, HttpContext context, UserAdministration admin, PlatformAdministrators administrators, CancellationToken cancellationToken) =>
        ChangeAsync(id, admin, user => administrators.GrantAsync(user, context.User.UserId(), cancellationToken), cancellationToken);

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> Revoke(
        string id, HttpContext context, UserAdministration admin, PlatformAdministrators administrators, CancellationToken cancellationToken) =>
        ChangeAsync(id, admin, user => administrators.RevokeAsync(user, context.User.UserId(), cancellationToken), cancellationToken);

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string id, UserAdministration admin, Func<User, Task<RoleChange>> change, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId)) return AdminProblems.InvalidId();
        if (await admin.FindAsync(userId, cancellationToken) is not { } user) return AdminProblems.UnknownUser();
        var result = await change(user);
        return result.Succeeded ? TypedResults.Ok(AdminUserResponse.From(user)) : AdminProblems.Refused(result.Refusal!);
    }
}
