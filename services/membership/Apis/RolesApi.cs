using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Roles;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Apis;

/// <summary>An organization's custom roles: named sets of permissions from the catalogue.</summary>
public static class RolesApi
{
    public static IEndpointRouteBuilder MapRolesApi(this IEndpointRouteBuilder routes)
    {
        var roles = routes.MapGroup("/organizations/{organizationId:guid}/roles").WithTags("Roles");
        roles.MapGet("/", List).WithName("ListRoles").WithSummary("The organization's custom roles (members.read)");
        roles.MapGet("/{roleId:guid}", Get).WithName("GetRole").WithSummary("One custom role (members.read)");
        roles.MapPost("/", Create).WithName("CreateRole")
            .WithSummary("Define a role from catalogue permissions the author holds over the whole organization (org.settings)");
        roles.MapPut("/{roleId:guid}", Update).WithName("UpdateRole")
            .WithSummary("Rename or redefine a role not held by anyone at or above the author's rank (org.settings)")
            .WithDescription("PUT replaces: name is required; a description or permissions left out are empty.");
        roles.MapDelete("/{roleId:guid}", Delete).WithName("DeleteRole")
            .WithSummary("Delete a role and revoke its grants, unless someone at or above the author's rank holds it (org.settings)");
        return routes;
    }

    public static async Task<Results<Ok<List<RoleResponse>>, ProblemHttpResult>> List(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("listing roles needs members.read");
        var roles = await db.CustomRoles.AsNoTracking().Where(r => r.OrganizationId == organizationId).OrderBy(r => r.NormalizedName).ToListAsync(cancellationToken);
        return TypedResults.Ok(roles.Select(RoleResponse.From).ToList());
    }

    public static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> Get(
        Guid organizationId, Guid roleId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("reading roles needs members.read");
        var role = await db.CustomRoles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roleId && r.OrganizationId == organizationId, cancellationToken);
        return role is null ? Problems.NotFound("Role") : TypedResults.Ok(RoleResponse.From(role));
    }

    public static async Task<Results<Created<RoleResponse>, ValidationProblem, ProblemHttpResult>> Create(
        Guid organizationId, RoleRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await SettingsHolderAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        if (await ValidateAsync(organizationId, request, db, cancellationToken) is { } invalid) return invalid;
        var (name, description, permissions) = Normalize(request);
        var decision = Delegation.CheckRoleDefinition(caller!.Actor, await access.HoldingsAsync(caller, cancellationToken), permissions, []);
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);
        if (await NameTakenAsync(db, organizationId, name, null, cancellationToken)) return NameConflict(name);

        var now = time.GetUtcNow();
        var role = CustomRole.Define(organizationId, name, description, permissions, now);
        db.CustomRoles.Add(role);
        outbox.Add(new CustomRoleChanged(organizationId, role.Id, role.Name, role.Permissions, "created", caller.Actor.UserId, now));
        if (!await SaveAsync(db, cancellationToken)) return NameConflict(name);
        return TypedResults.Created($"/organizations/{organizationId}/roles/{role.Id}", RoleResponse.From(role));
    }

    public static async Task<Results<Ok<RoleResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid organizationId, Guid roleId, RoleRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await SettingsHolderAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var role = await db.CustomRoles.SingleOrDefaultAsync(r => r.Id == roleId && r.OrganizationId == organizationId, cancellationToken);
        if (role is null) return Problems.NotFound("Role");
        if (await ValidateAsync(organizationId, request, db, cancellationToken) is { } invalid) return invalid;
        var (name, description, permissions) = Normalize(request);
        var decision = Delegation.CheckRoleDefinition(
            caller!.Actor, await access.HoldingsAsync(caller, cancellationToken), role.Added(permissions), await HolderRanksAsync(db, role, cancellationToken));
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);
        if (await NameTakenAsync(db, organizationId, name, role.Id, cancellationToken)) return NameConflict(name);

        var now = time.GetUtcNow();
        role.Redefine(name, description, permissions, now);
        outbox.Add(new CustomRoleChanged(organizationId, role.Id, role.Name, role.Permissions, "updated", caller.Actor.UserId, now));
        if (!await SaveAsync(db, cancellationToken)) return NameConflict(name);
        return TypedResults.Ok(RoleResponse.From(role));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid organizationId, Guid roleId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await SettingsHolderAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var role = await db.CustomRoles.SingleOrDefaultAsync(r => r.Id == roleId && r.OrganizationId == organizationId, cancellationToken);
        if (role is null) return Problems.NotFound("Role");
        var decision = Delegation.CheckRoleDefinition(caller!.Actor, await access.HoldingsAsync(caller, cancellationToken), [], await HolderRanksAsync(db, role, cancellationToken));
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);

        var now = time.GetUtcNow();
        var grants = await db.RoleGrants.Where(g => g.RoleId == roleId).ToListAsync(cancellationToken);
        foreach (var grant in grants)
        {
            outbox.Add(new RoleRevoked(organizationId, grant.UserId, grant.Id, role.Id, role.Name, GrantScopes.Name(grant.Scope), grant.ScopeUnitId, caller.Actor.UserId, now));
        }

        db.RoleGrants.RemoveRange(grants);
        var unitGrants = await db.UnitRoleGrants.Where(g => g.RoleId == roleId).ToListAsync(cancellationToken);
        foreach (var grant in unitGrants) outbox.Add(UnitRoleGrantsApi.RevokedEvent(grant, role, caller.Actor.UserId, now));
        db.UnitRoleGrants.RemoveRange(unitGrants);
        db.CustomRoles.Remove(role);
        outbox.Add(new CustomRoleChanged(organizationId, role.Id, role.Name, role.Permissions, "deleted", caller.Actor.UserId, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<(Caller? Caller, ProblemHttpResult? Problem)> SettingsHolderAsync(
        Guid organizationId, HttpContext context, OrganizationAccess access, CancellationToken cancellationToken, string task = "managing roles")
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, Problems.NotFound("Organization"));
        if (!caller.Holds(Permissions.OrgSettings)) return (caller, Problems.Forbidden($"{task} needs org.settings"));
        if (caller.IsArchived) return (caller, Problems.Archived());
        return (caller, null);
    }

    private static async Task<ValidationProblem?> ValidateAsync(Guid organizationId, RoleRequest request, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (name, description, permissions) = Normalize(request);
        if (name.Length is 0 or > CustomRole.MaxNameLength || name.Any(char.IsControl))
            errors["name"] = [$"A name of 1 to {CustomRole.MaxNameLength} characters is required."];
        if (description.Length > CustomRole.MaxDescriptionLength || description.Any(char.IsControl))
            errors["description"] = [$"At most {CustomRole.MaxDescriptionLength} characters on one line."];
        if (permissions.Count > CustomRole.MaxPermissions)
        {
            errors["permissions"] = [$"At most {CustomRole.MaxPermissions} permissions."];
        }
        else
        {
            var known = await db.PermissionDefinitions.Where(p => permissions.Contains(p.Key)).Select(p => p.Key)
                .Concat(db.OrganizationPermissions.Where(p => p.OrganizationId == organizationId && permissions.Contains(p.Key)).Select(p => p.Key))
                .ToListAsync(cancellationToken);
            var unknown = permissions.Except(known).ToList();
            if (unknown.Count > 0) errors["permissions"] = [$"Neither in the permission catalogue nor among the organization's own keys: {string.Join(", ", unknown)}."];
        }

        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }

    private static (string Name, string Description, List<string> Permissions) Normalize(RoleRequest request) =>
        ((request.Name ?? "").Trim(), (request.Description ?? "").Trim(), (request.Permissions ?? []).Select(p => (p ?? "").Trim()).Distinct().ToList());

    private static Task<bool> NameTakenAsync(MembershipDbContext db, Guid organizationId, string name, Guid? except, CancellationToken cancellationToken)
    {
        var normalized = CustomRole.Normalize(name);
        return db.CustomRoles.AnyAsync(r => r.OrganizationId == organizationId && r.NormalizedName == normalized && r.Id != except, cancellationToken);
    }

    /// <summary>The ranks of everyone holding the role, themselves or through a unit: changing it changes them.</summary>
    private static async Task<List<Rank>> HolderRanksAsync(MembershipDbContext db, CustomRole role, CancellationToken cancellationToken)
    {
        var direct = await db.RoleGrants.Where(g => g.RoleId == role.Id)
            .Join(db.Members, g => new { g.OrganizationId, g.UserId }, m => new { m.OrganizationId, m.UserId }, (g, m) => m.Rank)
            .Distinct().ToListAsync(cancellationToken);
        var holderPaths = db.UnitRoleGrants.Where(g => g.RoleId == role.Id).Join(db.Units, g => g.UnitId, u => u.Id, (g, u) => u.Path);
        var throughUnits = await db.Members.Where(m => m.OrganizationId == role.OrganizationId
                && m.Units.Any(mu => db.Units.Any(u => u.Id == mu.UnitId && holderPaths.Any(path => u.Path.StartsWith(path)))))
            .Select(m => m.Rank).Distinct().ToListAsync(cancellationToken);
        return direct.Union(throughUnits).ToList();
    }

    /// <summary>Saves; false when a unique index refused (a name or a grant that another request took first).</summary>
    internal static async Task<bool> SaveAsync(MembershipDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false;
        }
    }

    private static ProblemHttpResult NameConflict(string name) => Problems.Conflict($"The organization already has a role named '{name}'.");
}

public sealed record RoleRequest(string? Name, string? Description, List<string?>? Permissions);

public sealed record RoleResponse(Guid Id, string Name, string Description, IReadOnlyList<string> Permissions, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RoleResponse From(CustomRole role) => new(role.Id, role.Name, role.Description, role.Permissions, role.CreatedAt, role.UpdatedAt);
}
