using Platform.Identity.Application;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

public static class OrganizationAdministrators
{
    /// <summary>
    /// Opens a route under <c>/organizations/{organizationId}</c> to platform administrators and to the
    /// organization's owner and admins in force (identity's copy of membership's data). Anyone else,
    /// and every caller for an archived organization's routes, gets 404: another organization's
    /// data does not exist for them.
    /// </summary>
    public static TBuilder RequireOrganizationAdministrator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.HasClaim(InternalClaims.PlatformAdmin, "true")) return await next(context);
            var memberships = http.RequestServices.GetRequiredService<OrganizationMemberships>();
            var administers = Guid.TryParse(http.Request.RouteValues["organizationId"]?.ToString(), out var organizationId)
                && await memberships.ActiveAsync(http.User.UserId(), organizationId, http.RequestAborted) is var (membership, _)
                && membership.Rank.Administers();
            return administers
                ? await next(context)
                : AdminProblems.UnknownOrganization("You are not an owner or admin of an organization with this id, or it is archived.");
        });
}
