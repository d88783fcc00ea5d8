using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;

namespace Platform.Membership.Apis;

/// <summary>
/// The permission keys an organization defines for itself, beside the catalogue: used in its custom roles,
/// asked about through the authorization check, invisible to other organizations.
/// </summary>
public static class OrganizationPermissionsApi
{
    public static IEndpointRouteBuilder MapOrganizationPermissionsApi(this IEndpointRouteBuilder routes)
    {
        var permissions = routes.MapGroup("/organizations/{organizationId:guid}/permissions").WithTags("Permissions");
        permissions.MapGet("/", List).WithName("ListOrganizationPermissions").WithSummary("The organization's own permission keys (members.read)");
        permissions.MapPost("/", Define).WithName("DefineOrganizationPermission")
            .WithSummary("Define a permission key for this organization, such as finances.manage (org.settings)")
            .WithDescription("Keys follow the catalogue's format and may not repeat a catalogue key. The owner and admins hold the organization's keys by rank; others get them through custom roles.");
        permissions.MapDelete("/{key}", Delete).WithName("DeleteOrganizationPermission")
            .WithSummary("Delete a key no custom role uses (org.settings); a key in use is a 409 naming the roles");
        return routes;
    }

    public static async Task<Results<Ok<List<OrganizationPermissionResponse>>, ProblemHttpResult>> List(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("listing permissions needs members.read");
        return TypedResults.Ok(await db.OrganizationPermissions.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.Key)
            .Select(p => new OrganizationPermissionResponse(p.Key, p.Description, p.DefinedBy, p.DefinedAt)).ToListAsync(cancellationToken));
    }

    public static async Task<Results<Created<OrganizationPermissionResponse>, ValidationProblem, ProblemHttpResult>> Define(
        Guid organizationId, RegisterPermissionRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await SettingsHolderAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var key = (request.Key ?? "").Trim();
        var description = (request.Description ?? "").Trim();
        var errors = PermissionDefinition.Problems(key, description);
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await db.PermissionDefinitions.AnyAsync(p => p.Key == key, cancellationToken))
            return Problems.Conflict($"'{key}' is a key of the permission catalogue; use it as it is or choose another.");
        var taken = Problems.Conflict($"The organization already has the permission '{key}'.");
        if (await db.OrganizationPermissions.AnyAsync(p => p.OrganizationId == organizationId && p.Key == key, cancellationToken)) return taken;

        var permission = OrganizationPermission.Define(organizationId, key, description, caller!.Actor.UserId, time.GetUtcNow());
        db.OrganizationPermissions.Add(permission);
        if (!await RolesApi.SaveAsync(db, cancellationToken)) return taken;

        return TypedResults.Created($"/organizations/{organizationId}/permissions/{key}",
            new OrganizationPermissionResponse(key, description, permission.DefinedBy, permission.DefinedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid organizationId, string key, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (_, problem) = await SettingsHolderAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var permission = await db.OrganizationPermissions.SingleOrDefaultAsync(p => p.OrganizationId == organizationId && p.Key == key, cancellationToken);
        if (permission is null) return Problems.NotFound("Permission");
        // Deleting a key in use would silently take it from everyone holding those roles: the roles change first.
        var roles = await db.CustomRoles.Where(r => r.OrganizationId == organizationId && r.Permissions.Contains(key)).OrderBy(r => r.NormalizedName)
            .Select(r => r.Name).ToListAsync(cancellationToken);
        if (roles.Count > 0) return Problems.Conflict($"The permission '{key}' is used by the role(s) {string.Join(", ", roles)}; remove it from them first.");
        db.OrganizationPermissions.Remove(permission);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<(Caller? Caller, ProblemHttpResult? Problem)> SettingsHolderAsync(
        Guid organizationId, HttpContext context, OrganizationAccess access, CancellationToken cancellationToken) =>
        RolesApi.SettingsHolderAsync(organizationId, context, access, cancellationToken, "defining the organization's permissions");
}

public sealed record OrganizationPermissionResponse(string Key, string Description, Guid DefinedBy, DateTimeOffset DefinedAt);
