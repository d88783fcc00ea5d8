using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.ServiceDefaults.Problems;

namespace Platform.ServiceDefaults.Authentication;

/// <summary>
/// A client app of one organization, holding a user's access token, acts for that user in its own organization only:
/// every route that names another organization (<c>{organizationId}</c>) answers 404, as it would to a non-member, so
/// the app learns nothing of the user's other organizations. Routes that reach an organization through something else
/// (a request, a unit) check <see cref="ClaimsPrincipalExtensions.MayActIn"/> where they find the organization.
/// </summary>
internal sealed class ClientOrganizationBoundary(RequestDelegate next)
{
    public const string RouteValue = "organizationId";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetRouteValue(RouteValue) is { } value
            && Guid.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), out var organizationId)
            && !context.User.MayActIn(organizationId))
        {
            return context.RefuseAsync(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Organization not found.",
                "No organization with this id is visible to this client app: it acts for the user in its own organization only.");
        }

        return next(context);
    }
}
