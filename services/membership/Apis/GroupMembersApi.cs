using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Groups;

namespace Platform.Membership.Apis;

/// <summary>
/// Who is in a message group: members join and leave open groups themselves; those who manage
/// members add and remove people in open and restricted groups (a unit-scoped manager: people in
/// their subtree); automatic groups follow their rule.
/// </summary>
public static class GroupMembersApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapGroupMembersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/organizations/{organizationId:guid}/groups/{groupId:guid}").WithTags("Message groups");
        group.MapGet("/members", List).WithName("ListGroupMembers").WithSummary("The group's active members now, paged (members.read)");
        group.MapPost("/join", Join).WithName("JoinGroup").WithSummary("Join an open group");
        // Joining a restricted group on request, decided by an approver, comes with the approvals service (issue 6).
        group.MapPost("/leave", Leave).WithName("LeaveGroup").WithSummary("Leave an open group");
        group.MapPost("/members", Add).WithName("AddGroupMember").WithSummary("Add a member to an open or restricted group (members.manage)");
        group.MapDelete("/members/{userId:guid}", Remove).WithName("RemoveGroupMember")
            .WithSummary("Remove someone from an open or restricted group (members.manage)");
        return routes;
    }

    public static async Task<Results<Ok<GroupMemberPage>, ValidationProblem, ProblemHttpResult>> List(
        Guid organizationId, Guid groupId, int? page, int? pageSize, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        GroupAudience audience, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("listing group members needs members.read");
        var group = await FindAsync(db, organizationId, groupId, cancellationToken);
        if (group is null) return Problems.NotFound("Group");
        var (number, size) = (page ?? 1, pageSize ?? 50);
        if (number < 1 || size is < 1 or > MaxPageSize) return Problems.Validation("pageSize", $"page from 1, pageSize between 1 and {MaxPageSize}.");

        var members = (await audience.MembersAsync(group, cancellationToken)).Join(db.Users.AsNoTracking(), m => m.UserId, u => u.Id, (m, u) => new { m, u });
        var total = await members.CountAsync(cancellationToken);
        var rows = await members.OrderBy(x => x.u.LastName).ThenBy(x => x.u.FirstName).ThenBy(x => x.m.Id)
            .Skip((number - 1) * size).Take(size)
            .Select(x => new GroupMemberResponse(x.u.Id, x.u.Email, x.u.FirstName, x.u.LastName, Ranks.Name(x.m.Rank), x.u.AccountState))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new GroupMemberPage(rows, number, size, total));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Join(
        Guid organizationId, Guid groupId, HttpContext context, OrganizationAccess access, MembershipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, group, problem) = await GroupAsync(organizationId, groupId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        if (group!.RefuseJoinOrLeave() is { } refusal) return Problems.Conflict(refusal);
        if (caller!.Membership is not { State: MemberState.Active } membership) return Problems.Conflict("Only members of the organization join its groups.");
        if (await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == membership.UserId, cancellationToken)) return Problems.Conflict("You are already in this group.");

        db.GroupMembers.Add(new GroupMember(group, membership.UserId, membership.UserId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Leave(
        Guid organizationId, Guid groupId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (caller, group, problem) = await GroupAsync(organizationId, groupId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        if (group!.RefuseJoinOrLeave() is { } refusal) return Problems.Conflict(refusal);
        var row = await db.GroupMembers.SingleOrDefaultAsync(m => m.GroupId == groupId && m.UserId == caller!.Actor.UserId, cancellationToken);
        if (row is null) return Problems.Conflict("You are not in this group.");

        db.GroupMembers.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Add(
        Guid organizationId, Guid groupId, AddGroupMemberRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, group, problem) = await ManagedGroupAsync(organizationId, groupId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == request.UserId, cancellationToken);
        if (member is null) return Problems.Validation("userId", "No such member of this organization.");
        if (await OutsideScopeAsync(caller!, member, access, cancellationToken) is { } outside) return outside;
        if (await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == member.UserId, cancellationToken)) return Problems.Conflict("The member is already in this group.");

        db.GroupMembers.Add(new GroupMember(group!, member.UserId, caller!.Actor.UserId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid organizationId, Guid groupId, Guid userId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (caller, _, problem) = await ManagedGroupAsync(organizationId, groupId, context, access, db, cancellationToken);
        if (problem is not null) return problem;
        var row = await db.GroupMembers.SingleOrDefaultAsync(m => m.GroupId == groupId && m.UserId == userId, cancellationToken);
        if (row is null) return Problems.NotFound("Group member");
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);
        if (await OutsideScopeAsync(caller!, member, access, cancellationToken) is { } outside) return outside;

        db.GroupMembers.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> OutsideScopeAsync(Caller caller, Member member, OrganizationAccess access, CancellationToken cancellationToken)
    {
        if (caller.Actor.ScopePath is null) return null;
        var target = await access.TargetAsync(member, cancellationToken);
        return target.UnitPaths.Any(caller.Actor.Covers) ? null : Problems.Forbidden("the member is outside the manager's units");
    }

    private static async Task<(Caller? Caller, MessageGroup? Group, ProblemHttpResult? Problem)> ManagedGroupAsync(
        Guid organizationId, Guid groupId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (caller, group, problem) = await GroupAsync(organizationId, groupId, context, access, db, cancellationToken);
        if (problem is not null) return (caller, group, problem);
        if (!caller!.Holds(Permissions.MembersManage)) return (caller, group, Problems.Forbidden("adding and removing group members needs members.manage"));
        if (group!.RefuseManagedMembers() is { } refusal) return (caller, group, Problems.Conflict(refusal));
        return (caller, group, null);
    }

    private static async Task<(Caller? Caller, MessageGroup? Group, ProblemHttpResult? Problem)> GroupAsync(
        Guid organizationId, Guid groupId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, null, Problems.NotFound("Organization"));
        var group = await FindAsync(db, organizationId, groupId, cancellationToken);
        if (group is null) return (caller, null, Problems.NotFound("Group"));
        if (caller.IsArchived) return (caller, group, Problems.Archived());
        return (caller, group, null);
    }

    internal static Task<MessageGroup?> FindAsync(MembershipDbContext db, Guid organizationId, Guid groupId, CancellationToken cancellationToken) =>
        db.MessageGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId && g.OrganizationId == organizationId, cancellationToken);
}

public sealed record AddGroupMemberRequest(Guid UserId);
public sealed record GroupMemberResponse(Guid UserId, string Email, string FirstName, string LastName, string Rank, string AccountState);
public sealed record GroupMemberPage(IReadOnlyList<GroupMemberResponse> Items, int Page, int PageSize, int Total);
