using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Identity.Application;
using Platform.Identity.Sessions;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>
/// An organization's owner or admins acting as one of its members of lower rank, when the organization
/// allows it (<c>AdminsMayImpersonate</c>). Otherwise it is the platform administrators' flow: same
/// session mechanics, same limits, same audit with both identities.
/// </summary>
public static class OrganizationImpersonationApi
{
    public static IEndpointRouteBuilder MapOrganizationImpersonationApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/organizations/{organizationId:guid}/members/{userId:guid}/impersonate", Impersonate).WithTags("Administration")
            .RequireOwnerInPerson().WithName("OrganizationAdminImpersonateMember")
            .WithSummary("Act as a member of lower rank of my organization, with a reason, for a limited time")
            .WithDescription("For the organization's owner and admins when the organization allows it. Refused (403) for members of equal or higher rank, "
                + "platform administrators and people who are not members of this organization; 404 when the caller is not a member in force of it. "
                + "Ends like the platform administrators' impersonation (DELETE /sessions/current).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<ImpersonationResponse>, ValidationProblem, ProblemHttpResult>> Impersonate(
        Guid organizationId, Guid userId, ImpersonateRequest request, HttpContext context, OrganizationMemberships memberships,
        UserAdministration admin, ImpersonationStart impersonation, CancellationToken cancellationToken)
    {
        if (ImpersonationStart.CheckReason(request.Reason, out var reason) is { } problem) return Problems.Validation("reason", problem);
        var actorId = context.User.UserId();
        if (await memberships.ActiveAsync(actorId, organizationId, cancellationToken) is not var (actor, organization))
        {
            return AdminProblems.UnknownOrganization("You are not an active member of an organization with this id, or it is archived.");
        }

        if (context.User.FindFirst(InternalClaims.SessionId)?.Value is not { } actorHandle) return AdminProblems.Forbidden("Impersonation starts from a browser session.");
        var target = await memberships.FindAsync(userId, organizationId, cancellationToken);
        var elsewhere = await memberships.BelongsElsewhereAsync(userId, organizationId, cancellationToken);
        if (actor.RefusalToImpersonate(target, organization, elsewhere) is { } refusal) return AdminProblems.Forbidden(refusal);
        if (await admin.FindAsync(userId, cancellationToken) is not { } user) return AdminProblems.Forbidden("The user is not a member of this organization.");

        var result = await impersonation.StartAsync(user, actorId, actorHandle, reason, organizationId, context, cancellationToken);
        if (result is ImpersonationResult.Refused(var refused)) return AdminProblems.Forbidden(refused);
        var started = (ImpersonationResult.Started)result;
        return TypedResults.Ok(new ImpersonationResponse(user.Id, started.Handle, started.ExpiresAt));
    }
}
