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

/// <summary>Custom roles granted to one member, each over a scope. Granting and revoking follow <see cref="Delegation"/>.</summary>
public static class RoleGrantsApi
{
    public static IEndpointRouteBuilder MapRoleGrantsApi(this IEndpointRouteBuilder routes)
    {
        var grants = routes.MapGroup("/organizations/{organizationId:guid}/members/{userId:guid}/roles").WithTags("Members");
        grants.MapGet("/", List).WithName("ListRoleGrants").WithSummary("A member's custom roles with their scopes (members.read, or oneself)");
        grants.MapPost("/", Grant).WithName("GrantRole")
            .WithSummary("Grant a custom role over the organization, a unit subtree or own records (by the delegation rules)");
        grants.MapDelete("/{grantId:guid}", Revoke).WithName("RevokeRole").WithSummary("Revoke a role grant (by the same rules as granting it)");
        return routes;
    }

    public static async Task<Results<Ok<List<GrantResponse>>, ProblemHttpResult>> List(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead) && caller.Actor.UserId != userId) return Problems.Forbidden("reading members needs members.read");
        if (!await db.Members.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken)) return Problems.NotFound("Member");
        var grants = await GrantsOfAsync(db, organizationId, [userId], cancellationToken);
        return TypedResults.Ok(grants[userId].ToList());
    }

    public static async Task<Results<Created<GrantResponse>, ValidationProblem, ProblemHttpResult>> Grant(
        Guid organizationId, Guid userId, GrantRoleRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, member, problem) = await TargetAsync(organizationId, userId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var (terms, invalid) = await GrantRequests.ReadAsync(organizationId, request, db, cancellationToken);
        if (invalid is not null) return invalid;
        var (role, scope, unit) = terms!;

        var decision = Delegation.CheckRoleGrant(caller!.Actor, await access.HoldingsAsync(caller, cancellationToken),
            await access.TargetAsync(member!, cancellationToken), role.Permissions, scope, unit?.Path);
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);
        var conflict = Problems.Conflict($"The member already holds the role {role.Name} over this scope.");
        if (await db.RoleGrants.AnyAsync(g => g.RoleId == role.Id && g.UserId == userId && g.Scope == scope && g.ScopeUnitId == request.UnitId, cancellationToken))
            return conflict;

        var now = time.GetUtcNow();
        var grant = RoleGrant.Create(role, userId, scope, unit?.Id, caller.Actor.UserId, now);
        db.RoleGrants.Add(grant);
        outbox.Add(new RoleGranted(organizationId, userId, grant.Id, role.Id, role.Name, GrantScopes.Name(scope), grant.ScopeUnitId, role.Permissions, caller.Actor.UserId, now));
        if (!await RolesApi.SaveAsync(db, cancellationToken)) return conflict;

        return TypedResults.Created($"/organizations/{organizationId}/members/{userId}/roles/{grant.Id}", GrantResponse.From(grant, role, unit?.Name));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid organizationId, Guid userId, Guid grantId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, member, problem) = await TargetAsync(organizationId, userId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var grant = await db.RoleGrants.SingleOrDefaultAsync(g => g.Id == grantId && g.OrganizationId == organizationId && g.UserId == userId, cancellationToken);
        if (grant is null) return Problems.NotFound("Role grant");
        var role = await db.CustomRoles.AsNoTracking().SingleAsync(r => r.Id == grant.RoleId, cancellationToken);
        var unitPath = grant.ScopeUnitId is null ? null : await db.Units.Where(u => u.Id == grant.ScopeUnitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);

        // Revoking takes the same authority as granting: nobody undoes a grant they could not have made.
        var decision = Delegation.CheckRoleGrant(caller!.Actor, await access.HoldingsAsync(caller, cancellationToken),
            await access.TargetAsync(member!, cancellationToken), role.Permissions, grant.Scope, unitPath);
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);

        db.RoleGrants.Remove(grant);
        outbox.Add(new RoleRevoked(organizationId, userId, grant.Id, role.Id, role.Name, GrantScopes.Name(grant.Scope), grant.ScopeUnitId, caller.Actor.UserId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The role grants some members of one organization hold, their own and their units', with role and unit names.</summary>
    internal static async Task<ILookup<Guid, GrantResponse>> GrantsOfAsync(MembershipDbContext db, Guid organizationId, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var grants = await db.HeldByAsync(organizationId, userIds, cancellationToken);
        return grants.OrderBy(g => g.ThroughUnitId is not null).ThenBy(g => g.Role.NormalizedName).ThenBy(g => g.Scope).ToLookup(g => g.UserId, GrantResponse.From);
    }

    private static async Task<(Caller? Caller, Member? Member, ProblemHttpResult? Problem)> TargetAsync(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, null, Problems.NotFound("Organization"));
        if (caller.IsArchived) return (caller, null, Problems.Archived());
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        return member is null ? (caller, null, Problems.NotFound("Member")) : (caller, member, null);
    }
}

public sealed record GrantRoleRequest(Guid? RoleId, string? Scope, Guid? UnitId);

/// <summary>A role grant; <see cref="ThroughUnitId"/> names the unit it came through (revoked there, not on the member).</summary>
public sealed record GrantResponse(
    Guid Id, Guid RoleId, string RoleName, string Scope, Guid? UnitId, string? UnitName, string Explanation,
    IReadOnlyList<string> Permissions, Guid GrantedBy, DateTimeOffset GrantedAt, Guid? ThroughUnitId = null, string? ThroughUnitName = null)
{
    public static GrantResponse From(RoleGrant grant, CustomRole role, string? unitName) => new(
        grant.Id, role.Id, role.Name, GrantScopes.Name(grant.Scope), grant.ScopeUnitId, unitName,
        GrantScopes.Describe($"role {role.Name}", grant.Scope, unitName), role.Permissions, grant.GrantedBy, grant.GrantedAt);

    public static GrantResponse From(HeldGrant grant) => new(
        grant.GrantId, grant.Role.Id, grant.Role.Name, GrantScopes.Name(grant.Scope), grant.ScopeUnitId, grant.ScopeUnitName, grant.Explanation,
        grant.Role.Permissions, grant.GrantedBy, grant.GrantedAt, grant.ThroughUnitId, grant.ThroughUnitName);
}
