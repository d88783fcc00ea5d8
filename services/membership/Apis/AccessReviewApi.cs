using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Apis;

/// <summary>
/// Access reviews: who holds which rank and role where, when each last logged in, who has been
/// inactive, who administers; and "explain access" for one person.
/// </summary>
public static class AccessReviewApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapAccessReviewApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/organizations/{organizationId:guid}/access-review", Review).WithTags("Access review").WithName("ReviewAccess")
            .WithSummary("Owner and admins, then every member's rank and role grants with last login; ?inactiveDays=N keeps the inactive (org.settings)")
            .WithDescription("Inactive for N days: no login recorded since N days ago, and a member for at least that long. "
                + "Logins are not reported to membership yet, so lastLoginAt is null for everyone until identity publishes them.");
        routes.MapGet("/organizations/{organizationId:guid}/members/{userId:guid}/access", Explain).WithTags("Access review").WithName("ExplainMemberAccess")
            .WithSummary("Every rank and role grant of one person, with its scope and the permissions it gives (org.settings, or oneself)");
        return routes;
    }

    public static async Task<Results<Ok<AccessReviewResponse>, ValidationProblem, ProblemHttpResult>> Review(
        Guid organizationId, int? inactiveDays, int? page, int? pageSize, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.OrgSettings)) return Problems.Forbidden("access reviews need org.settings");
        var (number, size) = (page ?? 1, pageSize ?? 50);
        var errors = new Dictionary<string, string[]>();
        if (inactiveDays is < 1 or > 3650) errors["inactiveDays"] = ["Between 1 and 3650."];
        if (number < 1 || size is < 1 or > MaxPageSize) errors["pageSize"] = [$"page from 1, pageSize between 1 and {MaxPageSize}."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var now = time.GetUtcNow();
        var rows = db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId)
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u });
        if (inactiveDays is { } days)
        {
            var since = now.AddDays(-days);
            rows = rows.Where(x => (x.u.LastLoginAt ?? x.m.JoinedAt) < since);
        }

        var total = await rows.CountAsync(cancellationToken);
        var members = await rows.OrderBy(x => x.u.LastName).ThenBy(x => x.u.FirstName).ThenBy(x => x.m.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var administrators = await db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId && (m.Rank == Rank.Owner || m.Rank == Rank.Admin))
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.m.Rank == Rank.Owner ? 0 : 1).ThenBy(x => x.u.LastName).ToListAsync(cancellationToken);

        var everyone = members.Concat(administrators).ToList();
        var grants = await RoleGrantsApi.GrantsOfAsync(db, organizationId, everyone.Select(x => x.m.UserId).Distinct().ToList(), cancellationToken);
        var units = await UnitNamesAsync(db, everyone.Select(x => x.m.ScopeUnitId), cancellationToken);
        ReviewedMember Reviewed(Member m, DirectoryUser u) => ReviewedMember.From(m, u, m.ScopeUnitId is { } id ? units.GetValueOrDefault(id) : null, grants[m.UserId].ToList());

        return TypedResults.Ok(new AccessReviewResponse(
            organizationId, now, inactiveDays,
            administrators.Select(x => Reviewed(x.m, x.u)).ToList(),
            new ReviewedMemberPage(members.Select(x => Reviewed(x.m, x.u)).ToList(), number, size, total)));
    }

    public static async Task<Results<Ok<MemberAccessResponse>, ProblemHttpResult>> Explain(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.OrgSettings) && caller.Actor.UserId != userId) return Problems.Forbidden("explaining someone else's access needs org.settings");
        var row = await db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u }).SingleOrDefaultAsync(cancellationToken);
        if (row is null) return Problems.NotFound("Member");

        var (member, user) = (row.m, row.u);
        var unit = member.ScopeUnitId is { } scopeId ? (await UnitNamesAsync(db, [scopeId], cancellationToken)).GetValueOrDefault(scopeId) : null;
        var ownKeys = member.Rank >= Rank.Admin
            ? await db.OrganizationPermissions.AsNoTracking().Where(p => p.OrganizationId == organizationId).Select(p => p.Key).ToListAsync(cancellationToken)
            : [];
        var rankPermissions = (member.Rank == Rank.Owner
            ? await db.PermissionDefinitions.AsNoTracking().Select(p => p.Key).ToListAsync(cancellationToken)
            : Permissions.OfRank(member.Rank).ToList()).Concat(ownKeys).Order(StringComparer.Ordinal).ToList();
        var rankScope = member.ScopeUnitId is null ? GrantScope.Organization : GrantScope.Unit;
        var rank = new RankGrantResponse(Ranks.Name(member.Rank), GrantScopes.Name(rankScope), member.ScopeUnitId, unit,
            GrantScopes.Describe($"rank {Ranks.Name(member.Rank)}", rankScope, unit), rankPermissions);
        var roles = (await RoleGrantsApi.GrantsOfAsync(db, organizationId, [userId], cancellationToken))[userId].ToList();
        var organizationWide = (rankScope == GrantScope.Organization ? rankPermissions : [])
            .Concat(roles.Where(r => r.Scope == "organization").SelectMany(r => r.Permissions)).Distinct().Order(StringComparer.Ordinal).ToList();

        return TypedResults.Ok(new MemberAccessResponse(userId, organizationId, member.State.ToString().ToLowerInvariant(), user.AccountState,
            user.LastLoginAt, member.State == MemberState.Active, rank, roles, organizationWide));
    }

    private static async Task<Dictionary<Guid, string>> UnitNamesAsync(MembershipDbContext db, IEnumerable<Guid?> unitIds, CancellationToken cancellationToken)
    {
        var ids = unitIds.OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
    }
}

public sealed record AccessReviewResponse(
    Guid OrganizationId, DateTimeOffset GeneratedAt, int? InactiveDays, IReadOnlyList<ReviewedMember> Administrators, ReviewedMemberPage Members);

public sealed record ReviewedMemberPage(IReadOnlyList<ReviewedMember> Items, int Page, int PageSize, int Total);

public sealed record ReviewedMember(
    Guid UserId, string Email, string FirstName, string LastName, string Rank, Guid? ScopeUnitId, string? ScopeUnitName,
    string State, string AccountState, DateTimeOffset JoinedAt, DateTimeOffset? LastLoginAt, IReadOnlyList<GrantResponse> Roles)
{
    public static ReviewedMember From(Member m, DirectoryUser u, string? scopeUnitName, IReadOnlyList<GrantResponse> roles) => new(
        m.UserId, u.Email, u.FirstName, u.LastName, Ranks.Name(m.Rank), m.ScopeUnitId, scopeUnitName,
        m.State.ToString().ToLowerInvariant(), u.AccountState, m.JoinedAt, u.LastLoginAt, roles);
}

/// <summary>
/// One person's access in an organization: their rank (with its scope and permissions) and each role
/// grant; <see cref="OrganizationWidePermissions"/> is what they hold everywhere in it. Nothing
/// counts while <see cref="Effective"/> is false (a suspended membership).
/// </summary>
public sealed record MemberAccessResponse(
    Guid UserId, Guid OrganizationId, string State, string AccountState, DateTimeOffset? LastLoginAt, bool Effective,
    RankGrantResponse Rank, IReadOnlyList<GrantResponse> Roles, IReadOnlyList<string> OrganizationWidePermissions);

public sealed record RankGrantResponse(string Rank, string Scope, Guid? UnitId, string? UnitName, string Explanation, IReadOnlyList<string> Permissions);
