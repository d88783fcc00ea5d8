using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Membership.Apis;

/// <summary>The permission catalogue: the built-in keys and those client apps register.</summary>
public static class PermissionsApi
{
    public static IEndpointRouteBuilder MapPermissionsApi(this IEndpointRouteBuilder routes)
    {
        var permissions = routes.MapGroup("/permissions").WithTags("Permissions");
        permissions.MapGet("/", List).WithName("ListPermissions").WithSummary("The permission catalogue (any signed-in caller)");
        permissions.MapPost("/", Register).RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy).WithName("RegisterPermission")
            .WithSummary("Register a client app's own permission key, such as invoices.approve (platform administrators)");
        return routes;
    }

    public static async Task<Ok<List<PermissionResponse>>> List(MembershipDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.PermissionDefinitions.AsNoTracking().OrderBy(p => p.Key)
            .Select(p => new PermissionResponse(p.Key, p.Description, p.BuiltIn)).ToListAsync(cancellationToken));

    public static async Task<Results<Created<PermissionResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterPermissionRequest request, HttpContext context, MembershipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = (request.Key ?? "").Trim();
        var description = (request.Description ?? "").Trim();
        var errors = PermissionDefinition.Problems(key, description);
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await db.PermissionDefinitions.AnyAsync(p => p.Key == key, cancellationToken)) return Problems.Conflict($"The permission '{key}' is already registered.");

        var permission = PermissionDefinition.Register(key, description, context.User.UserId(), time.GetUtcNow());
        db.PermissionDefinitions.Add(permission);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict($"The permission '{key}' is already registered.");
        }

        return TypedResults.Created($"/permissions/{key}", new PermissionResponse(key, description, false));
    }
}

public sealed record RegisterPermissionRequest(string? Key, string? Description);
public sealed record PermissionResponse(string Key, string Description, bool BuiltIn);
