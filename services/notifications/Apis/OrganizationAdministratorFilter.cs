using Platform.Notifications.Infrastructure;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Apis;

/// <summary>
/// Lets through platform administrators and the owner and admins of the organization in the route
/// (<c>{organizationId}</c>), as the membership projection knows them. Anyone else gets the same 404 as
/// for an organization that does not exist: another organization's endpoints are not theirs to see,
/// not even that there are any.
/// </summary>
internal static class OrganizationAdministratorFilter
{
    public static TBuilder RequireOrganizationAdministrator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.User.HasClaim(InternalClaims.PlatformAdmin, "true"))
            {
                return await next(context);
            }

            var db = http.RequestServices.GetRequiredService<NotificationsDbContext>();
            return Guid.TryParse(http.Request.RouteValues["organizationId"]?.ToString(), out var organizationId)
                && await db.IsAdministratorAsync(organizationId, http.User.UserId(), http.RequestAborted)
                    ? await next(context)
                    : Problems.NotFound("organization", "You administer no organization with this id.");
        });
}
