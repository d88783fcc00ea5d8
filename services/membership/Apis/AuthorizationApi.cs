using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Membership.Application;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Membership.Apis;

/// <summary>The authorization question other services and client apps ask.</summary>
public static class AuthorizationApi
{
    public static IEndpointRouteBuilder MapAuthorizationApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/authorization/check", Check).WithTags("Authorization").WithName("CheckAccess")
            .WithSummary("May user U do permission P in organization O (and unit X)? Answers with the grant that decides")
            .WithDescription("Anyone may ask about themselves; asking about someone else needs members.read in that organization. "
                + "unitId asks about a unit (for grants scoped to a unit subtree); ownerId names the owner of the record asked about "
                + "(for grants over own records, which allow only when ownerId is the user asked about).");
        return routes;
    }

    public static async Task<Results<Ok<AccessCheckResponse>, ValidationProblem, ProblemHttpResult>> Check(
        Guid organizationId, string? permission, Guid? userId, Guid? unitId, Guid? ownerId, HttpContext context,
        OrganizationAccess access, AccessExplanation explanation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(permission) || !Permissions.IsValidKey(permission.Trim()))
            return Problems.Validation("permission", "A permission key such as members.invite.");
        if (!context.User.MayActIn(organizationId)) return Problems.NotFound("Organization");
        var subject = userId ?? context.User.UserId();
        if (subject != context.User.UserId())
        {
            var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
            if (caller is null) return Problems.NotFound("Organization");
            if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("asking about someone else needs members.read");
        }

        var answer = await explanation.ExplainAsync(new AccessQuestion(subject, organizationId, permission.Trim(), unitId, ownerId), cancellationToken);
        return TypedResults.Ok(new AccessCheckResponse(subject, organizationId, permission.Trim(), unitId, answer.Allowed, answer.Explanation, answer.Scope));
    }
}

public sealed record AccessCheckResponse(Guid UserId, Guid OrganizationId, string Permission, Guid? UnitId, bool Allowed, string Explanation, string? Scope);
