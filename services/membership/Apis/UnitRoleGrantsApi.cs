using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Roles;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Apis;

/// <summary>
/// Custom roles granted to a unit: everyone in it or in one of its sub-units holds them while they are
/// there. Granting and revoking follow <see cref="Delegation.CheckUnitRoleGrant"/>; each publishes its
/// event (UnitRoleGranted, UnitRoleRevoked) through the outbox.
/// </summary>
public static class UnitRoleGrantsApi
{
    public static IEndpointRouteBuilder MapUnitRoleGrantsApi(this IEndpointRouteBuilder routes)
    {
        var grants = routes.MapGroup("/organizations/{organizationId:guid}/units/{unitId:guid}/roles").WithTags("Units");
        grants.MapGet("/", List).WithName("ListUnitRoleGrants").WithSummary("The custom roles granted to a unit, with their scopes (members.read)");
        grants.MapPost("/", Grant).WithName("GrantUnitRole")
            .WithSummary("Grant a custom role to everyone in a unit and its sub-units, over the organization, a unit subtree or own records (managers and above, by the delegation rules)");
        grants.MapDelete("/{grantId:guid}", Revoke).WithName("RevokeUnitRole").WithSummary("Revoke a unit's role grant (by the same rules as granting it)");
        return routes;
    }

    public static async Task<Results<Ok<List<UnitGrantResponse>>, ProblemHttpResult>> List(
        Guid organizationId, Guid unitId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("reading role grants needs members.read");
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.OrganizationId == organizationId, cancellationToken)) return Problems.NotFound("Unit");
        var rows = await db.UnitRoleGrants.AsNoTracking()
            .Where(g => g.OrganizationId == organizationId && g.UnitId == unitId)
            .Join(db.CustomRoles.AsNoTracking(), g => g.RoleId, r => r.Id, (g, r) => new { g, r })
            .Select(x => new { x.g, x.r, ScopeName = db.Units.Where(u => u.Id == x.g.ScopeUnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(x => x.r.NormalizedName).ThenBy(x => x.g.Scope).Select(x => UnitGrantResponse.From(x.g, x.r, x.ScopeName)).ToList());
    }

    public static async Task<Results<Created<UnitGrantResponse>, ValidationProblem, ProblemHttpResult>> Grant(
        Guid organizationId, Guid unitId, GrantRoleRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, holder, problem) = await HolderAsync(organizationId, unitId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var (terms, invalid) = await GrantRequests.ReadAsync(organizationId, request, db, cancellationToken);
        if (invalid is not null) return invalid;
        var (role, scope, scopeUnit) = terms!;

        var decision = Delegation.CheckUnitRoleGrant(caller!.Actor, await access.HoldingsAsync(caller, cancellationToken), holder!.Path, role.Permissions, scope, scopeUnit?.Path);
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);
        var conflict = Problems.Conflict($"The unit already holds the role {role.Name} over this scope.");
        if (await db.UnitRoleGrants.AnyAsync(g => g.RoleId == role.Id && g.UnitId == unitId && g.Scope == scope && g.ScopeUnitId == request.UnitId, cancellationToken))
            return conflict;

        var now = time.GetUtcNow();
        var grant = UnitRoleGrant.Create(role, holder, scope, scopeUnit?.Id, caller.Actor.UserId, now);
        db.UnitRoleGrants.Add(grant);
        outbox.Add(new UnitRoleGranted(organizationId, unitId, grant.Id, role.Id, role.Name, GrantScopes.Name(scope), grant.ScopeUnitId, role.Permissions, caller.Actor.UserId, now));
        if (!await RolesApi.SaveAsync(db, cancellationToken)) return conflict;

        return TypedResults.Created($"/organizations/{organizationId}/units/{unitId}/roles/{grant.Id}", UnitGrantResponse.From(grant, role, scopeUnit?.Name));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid organizationId, Guid unitId, Guid grantId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, holder, problem) = await HolderAsync(organizationId, unitId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var grant = await db.UnitRoleGrants.SingleOrDefaultAsync(g => g.Id == grantId && g.OrganizationId == organizationId && g.UnitId == unitId, cancellationToken);
        if (grant is null) return Problems.NotFound("Role grant");
        var role = await db.CustomRoles.AsNoTracking().SingleAsync(r => r.Id == grant.RoleId, cancellationToken);
        var scopePath = grant.ScopeUnitId is null ? null : await db.Units.Where(u => u.Id == grant.ScopeUnitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);

        // Revoking takes the same authority as granting: nobody undoes a grant they could not have made.
        var decision = Delegation.CheckUnitRoleGrant(caller!.Actor, await access.HoldingsAsync(caller, cancellationToken), holder!.Path, role.Permissions, grant.Scope, scopePath);
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);

        db.UnitRoleGrants.Remove(grant);
        outbox.Add(RevokedEvent(grant, role, caller.Actor.UserId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static UnitRoleRevoked RevokedEvent(UnitRoleGrant grant, CustomRole role, Guid actorId, DateTimeOffset now) =>
        new(grant.OrganizationId, grant.UnitId, grant.Id, role.Id, role.Name, GrantScopes.Name(grant.Scope), grant.ScopeUnitId, actorId, now);

    private static async Task<(Caller? Caller, Unit? Holder, ProblemHttpResult? Problem)> HolderAsync(
        Guid organizationId, Guid unitId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, null, Problems.NotFound("Organization"));
        if (caller.IsArchived) return (caller, null, Problems.Archived());
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId && u.OrganizationId == organizationId, cancellationToken);
        return unit is null ? (caller, null, Problems.NotFound("Unit")) : (caller, unit, null);
    }
}

/// <summary>A role granted to a unit; <see cref="Explanation"/> reads like the authorization check's answers.</summary>
public sealed record UnitGrantResponse(
    Guid Id, Guid HolderUnitId, Guid RoleId, string RoleName, string Scope, Guid? UnitId, string? UnitName, string Explanation,
    IReadOnlyList<string> Permissions, Guid GrantedBy, DateTimeOffset GrantedAt)
{
    public static UnitGrantResponse From(UnitRoleGrant grant, CustomRole role, string? scopeUnitName) => new(
        grant.Id, grant.UnitId, role.Id, role.Name, GrantScopes.Name(grant.Scope), grant.ScopeUnitId, scopeUnitName,
        GrantScopes.Describe($"role {role.Name}", grant.Scope, scopeUnitName), role.Permissions, grant.GrantedBy, grant.GrantedAt);
}
