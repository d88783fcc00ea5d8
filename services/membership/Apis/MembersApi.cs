using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Email;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Problems;

namespace Platform.Membership.Apis;

/// <summary>Members of one organization. Every change goes through <see cref="Delegation"/>.</summary>
public static class MembersApi
{
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 100;

    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder routes)
    {
        var members = routes.MapGroup("/organizations/{organizationId:guid}/members").WithTags("Members");
        members.MapGet("/", List).WithName("ListMembers").WithSummary("Members with search and filters: rank, unit, state; paged (members.read)")
            .WithDescription("search matches the start of the email address, first name, last name or full name, ignoring case.");
        members.MapGet("/{userId:guid}", Get).WithName("GetMember").WithSummary("One member (members.read)");
        members.MapPost("/", Add).WithName("AddMember").WithSummary("Add a person who already has an account (members.invite, by the delegation rules)");
        members.MapPut("/{userId:guid}", Change).WithName("ChangeMember")
            .WithSummary("Replace rank, scope, units and custom fields (by the delegation rules)")
            .WithDescription("PUT replaces: rank, unitIds and customFields are required (a missing one is a 400 naming it); scopeUnitId absent or null is the whole organization. To change some, PATCH.");
        members.MapPatch("/{userId:guid}", Patch).WithName("PatchMember").Accepts<ChangeMemberRequest>(JsonMergePatch.MediaType)
            .WithSummary("Change some of rank, scope, units and custom fields with a JSON merge patch (by the delegation rules)")
            .WithDescription("RFC 7396: a field present sets, null removes (no scope, no units, no custom field of that key), absent keeps; unitIds is replaced whole.");
        members.MapPost("/{userId:guid}/suspend", Suspend).WithName("SuspendMember").WithSummary("Suspend in this organization only");
        members.MapPost("/{userId:guid}/reactivate", Reactivate).WithName("ReactivateMember").WithSummary("Lift a suspension in this organization");
        members.MapDelete("/{userId:guid}", Remove).WithName("RemoveMember").WithSummary("Remove from the organization");
        return routes;
    }

    public static async Task<Results<Ok<MemberPage>, ValidationProblem, ProblemHttpResult>> List(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        string? rank, Guid? unitId, string? state, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("listing members needs members.read");
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        var size = pageSize ?? 50;
        var number = page ?? 1;
        var errors = new Dictionary<string, string[]>();
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        if (number < 1) errors["page"] = ["At least 1."];
        if (search is { Length: > MaxSearchLength }) errors["search"] = [$"At most {MaxSearchLength} characters."];
        var rankFilter = Rank.Member;
        if (rank is not null && !Ranks.TryParse(rank, out rankFilter)) errors["rank"] = ["One of owner, admin, manager, member, viewer."];
        var stateFilter = MemberState.Active;
        if (state is not null && !Enum.TryParse(state, ignoreCase: true, out stateFilter)) errors["state"] = ["One of active, suspended."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var visibility = await access.VisibilityAsync(caller, cancellationToken);
        var query = visibility.Filter(db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId));
        if (rank is not null) query = query.Where(m => m.Rank == rankFilter);
        if (state is not null) query = query.Where(m => m.State == stateFilter);
        if (unitId is { } unit) query = query.Where(m => m.Units.Any(u => u.UnitId == unit));
        if (search is not null)
        {
            // As identity's user search: a prefix of the email or of a name, ignoring case; % and _ are literal.
            var prefix = Regex.Replace(search, @"[\\%_]", @"\$0") + "%";
            query = query.Where(m => db.Users.Any(u => u.Id == m.UserId && (EF.Functions.ILike(u.Email, prefix)
                || EF.Functions.ILike(u.FirstName, prefix) || EF.Functions.ILike(u.LastName, prefix)
                || EF.Functions.ILike(u.FirstName + " " + u.LastName, prefix))));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.LastName).ThenBy(x => x.u.FirstName).ThenBy(x => x.m.Id)
            .Skip((number - 1) * size).Take(size)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new MemberPage(rows.Select(x => MemberResponse.From(x.m, x.u)).ToList(), number, size, total));
    }

    public static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> Get(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead) && caller.Actor.UserId != userId) return Problems.Forbidden("reading members needs members.read");
        var row = await db.Members.AsNoTracking().Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u }).SingleOrDefaultAsync(cancellationToken);
        // Someone the caller may not see answers like someone who is not a member.
        if (row is null || !(await access.VisibilityAsync(caller, cancellationToken)).Sees(row.m)) return Problems.NotFound("Member");
        return TypedResults.Ok(MemberResponse.From(row.m, row.u));
    }

    public static async Task<Results<Created<MemberResponse>, ValidationProblem, ProblemHttpResult>> Add(
        Guid organizationId, AddMemberRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (caller.IsArchived) return Problems.Archived();
        if (!Ranks.TryParse(request.Rank ?? "member", out var rank)) return Problems.Validation("rank", "One of admin, manager, member, viewer.");
        if (rank == Rank.Owner) return Problems.Validation("rank", "Ownership is transferred, not granted.");
        if (!caller.Actor.PlatformAdmin && caller.Actor.Rank < caller.Organization.MinimumRankToInvite)
            return Problems.Forbidden($"in this organization only {Articles.A(Ranks.Name(caller.Organization.MinimumRankToInvite))} or above brings people in");
        var decision = Delegation.Check(caller.Actor, AdminAction.Invite, grantedRank: rank);
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);

        EmailAddress.TryNormalize(request.Email, out var email);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => request.UserId != null ? u.Id == request.UserId : u.Email == email, cancellationToken);
        // By id, only someone the caller may already see: an id guessed in bulk must not reveal whose it is.
        if (user is { Email: "" } || user?.IsDeleted == true || (request.UserId is { } id && !await db.MaySeeAsync(context.User, id, cancellationToken))) user = null;
        if (user is null) return Problems.Validation(request.UserId is null ? "email" : "userId", "No account with this address is known; send an invitation instead.");
        if (!caller.Organization.AllowsEmail(user.Email)) return Problems.Validation("email", "This organization accepts only addresses at its allowed domains.");
        if (await db.Members.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == user.Id, cancellationToken)) return Problems.Conflict("The person is already a member.");
        var units = await UnitsInOrganizationAsync(db, organizationId, request.UnitIds, request.ScopeUnitId, cancellationToken);
        if (units is null) return Problems.Validation("unitIds", "Every unit must belong to this organization.");

        var now = time.GetUtcNow();
        var member = Member.Join(organizationId, user.Id, rank, now, request.ScopeUnitId);
        member.PlaceIn(request.UnitIds ?? []);
        db.Members.Add(member);
        outbox.Add(new MembershipGranted(organizationId, user.Id, Ranks.Name(rank), member.ScopeUnitId, caller.Actor.UserId, now));
        if (member.Units.Count > 0) outbox.Add(MemberEvents.UnitsChanged(member, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/organizations/{organizationId}/members/{user.Id}", MemberResponse.From(member, user));
    }

    public static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Change(
        Guid organizationId, Guid userId, ChangeMemberRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, member, problem) = await TargetAsync(organizationId, userId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        return await ReplaceAsync(caller!, member!, request, access, db, outbox, time, cancellationToken);
    }

    public static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, member, problem) = await TargetAsync(organizationId, userId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var (merged, invalid) = await JsonMergePatch.MergeAsync(context.Request, ChangeMemberRequest.From(member!), cancellationToken);
        if (invalid is not null) return invalid;
        return await ReplaceAsync(caller!, member!, merged! with { UnitIds = merged.UnitIds ?? [], CustomFields = merged.CustomFields ?? [] },
            access, db, outbox, time, cancellationToken);
    }

    /// <summary>Puts a complete request in place (rank, scope, units, custom fields), or changes nothing.</summary>
    private static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Caller caller, Member member, ChangeMemberRequest request, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, string[]>();
        foreach (var (field, value) in new (string, object?)[] { ("rank", request.Rank), ("unitIds", request.UnitIds), ("customFields", request.CustomFields) })
            if (value is null) missing[field] = [$"Required: PUT replaces the membership. To change some of it, send PATCH with {JsonMergePatch.MediaType}."];
        if (missing.Count > 0) return Problems.Validation(missing);
        var (organizationId, userId) = (member.OrganizationId, member.UserId);
        var target = await access.TargetAsync(member, cancellationToken);
        // The owner keeps their rank through a replace; only a transfer makes or unmakes an owner.
        if (!Ranks.TryParse(request.Rank, out var rank) || (rank == Rank.Owner) != (member.Rank == Rank.Owner))
            return Problems.Validation("rank", "One of admin, manager, member, viewer (ownership is transferred).");
        var action = rank != member.Rank ? AdminAction.GrantRank : AdminAction.ChangeMember;
        var decision = Delegation.Check(caller.Actor, action, target, rank);
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);
        var units = await UnitsInOrganizationAsync(db, organizationId, request.UnitIds, request.ScopeUnitId, cancellationToken);
        if (units is null) return Problems.Validation("unitIds", "Every unit must belong to this organization.");
        // A scoped manager keeps people inside their subtree.
        if (!caller.Actor.PlatformAdmin && caller.Actor.ScopePath is not null && units.Any(u => !caller.Actor.Covers(u.Path)))
            return Problems.Forbidden("a manager scoped to a unit places members only inside it");
        if (CustomFieldProblem(caller.Organization, request.CustomFields!) is { } fieldProblem)
            return Problems.Validation("customFields", fieldProblem);

        var before = member.Rank;
        member.ChangeRank(rank, rank == Rank.Owner ? null : request.ScopeUnitId);
        if (member.PlaceIn(request.UnitIds!)) outbox.Add(MemberEvents.UnitsChanged(member, time.GetUtcNow()));
        member.SetCustomFields(request.CustomFields!);
        if (before != member.Rank)
        {
            outbox.Add(new MembershipRoleChanged(organizationId, userId, Ranks.Name(before), Ranks.Name(member.Rank), member.ScopeUnitId, caller.Actor.UserId, time.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        return TypedResults.Ok(MemberResponse.From(member, user));
    }

    public static Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Suspend(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeStateAsync(organizationId, userId, AdminAction.Suspend, m => m.Suspend(), context, access, db, outbox, time, cancellationToken);

    public static Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Reactivate(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        ChangeStateAsync(organizationId, userId, AdminAction.Suspend, m => m.Reactivate(), context, access, db, outbox, time, cancellationToken);

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, member, problem) = await TargetAsync(organizationId, userId, context, access, db, cancellationToken, allowSelf: true);
        if (problem is not null) return problem;
        if (member!.Rank == Rank.Owner) return Problems.Conflict("The owner cannot be removed; transfer ownership first.");
        // Leaving on one's own is always allowed; removing someone else follows the delegation rules.
        if (member.UserId != caller!.Actor.UserId)
        {
            var decision = Delegation.Check(caller.Actor, AdminAction.Remove, await access.TargetAsync(member, cancellationToken));
            if (!decision.Allowed) return Problems.Forbidden(decision.Reason);
        }

        db.Members.Remove(member);
        outbox.Add(new MembershipRevoked(organizationId, userId, caller.Actor.UserId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> ChangeStateAsync(
        Guid organizationId, Guid userId, AdminAction action, Func<Member, string?> change, HttpContext context, OrganizationAccess access,
        MembershipDbContext db, IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, member, problem) = await TargetAsync(organizationId, userId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var decision = Delegation.Check(caller!.Actor, action, await access.TargetAsync(member!, cancellationToken));
        if (!decision.Allowed) return Problems.Forbidden(decision.Reason);
        if (change(member!) is { } refusal) return Problems.Conflict(refusal);

        outbox.Add(new MembershipStateChanged(organizationId, userId, member!.State.ToString().ToLowerInvariant(), caller.Actor.UserId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        return TypedResults.Ok(MemberResponse.From(member, user));
    }

    private static async Task<(Caller? Caller, Member? Member, ProblemHttpResult? Problem)> TargetAsync(
        Guid organizationId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken, bool allowSelf = false)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, null, Problems.NotFound("Organization"));
        if (caller.IsArchived) return (caller, null, Problems.Archived());
        var member = await db.Members.SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        if (member is null) return (caller, null, Problems.NotFound("Member"));
        if (!allowSelf && member.UserId == caller.Actor.UserId && !caller.Actor.PlatformAdmin) return (caller, member, Problems.Forbidden("nobody administers themselves here"));
        return (caller, member, null);
    }

    /// <summary>The units named (and the scope unit), all in this organization; null when one is not.</summary>
    internal static async Task<List<Unit>?> UnitsInOrganizationAsync(MembershipDbContext db, Guid organizationId, List<Guid>? unitIds, Guid? scopeUnitId, CancellationToken cancellationToken)
    {
        var wanted = (unitIds ?? []).Concat(scopeUnitId is { } scope ? [scope] : []).Distinct().ToList();
        if (wanted.Count == 0) return [];
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == organizationId && wanted.Contains(u.Id)).ToListAsync(cancellationToken);
        return units.Count == wanted.Count ? units : null;
    }

    private static string? CustomFieldProblem(Organization organization, Dictionary<string, string> values) =>
        CustomFieldValues.Check(organization.CustomFields, values, enforceRequired: false)?.Problem;
}

public sealed record AddMemberRequest(string? Email, Guid? UserId, string? Rank, Guid? ScopeUnitId, List<Guid>? UnitIds);
/// <summary>
/// A membership, all of it: PUT replaces it, so rank, unitIds and customFields are required and a
/// missing scopeUnitId is the whole organization; PATCH (a JSON merge patch of this shape) changes some.
/// </summary>
public sealed record ChangeMemberRequest(
    [property: Required] string? Rank,
    Guid? ScopeUnitId,
    [property: Required] List<Guid>? UnitIds,
    [property: Required] Dictionary<string, string>? CustomFields)
{
    public static ChangeMemberRequest From(Member member) =>
        new(Ranks.Name(member.Rank), member.ScopeUnitId, member.Units.Select(u => u.UnitId).ToList(), new(member.CustomFields));
}
public sealed record MemberPage(IReadOnlyList<MemberResponse> Items, int Page, int PageSize, int Total);

public sealed record MemberResponse(
    Guid UserId, string Email, string FirstName, string LastName, string Rank, Guid? ScopeUnitId, IReadOnlyList<Guid> UnitIds,
    string State, string AccountState, IReadOnlyDictionary<string, string> CustomFields, DateTimeOffset JoinedAt)
{
    public static MemberResponse From(Member m, DirectoryUser u) => new(
        m.UserId, u.Email, u.FirstName, u.LastName, Ranks.Name(m.Rank), m.ScopeUnitId, m.Units.Select(x => x.UnitId).ToList(),
        m.State.ToString().ToLowerInvariant(), u.AccountState, m.CustomFields, m.JoinedAt);
}
