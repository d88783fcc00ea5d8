using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Groups;

namespace Platform.Membership.Apis;

/// <summary>
/// An organization's message groups. Members see them all; units.manage or org.settings manages
/// them (a manager scoped to a unit: only automatic groups of units in their subtree).
/// </summary>
public static class GroupsApi
{
    public static IEndpointRouteBuilder MapGroupsApi(this IEndpointRouteBuilder routes)
    {
        var groups = routes.MapGroup("/organizations/{organizationId:guid}/groups").WithTags("Message groups");
        groups.MapGet("/", List).WithName("ListGroups").WithSummary("The organization's message groups (members.read)");
        groups.MapGet("/{groupId:guid}", Get).WithName("GetGroup").WithSummary("One message group (members.read)");
        groups.MapPost("/", Create).WithName("CreateGroup")
            .WithSummary("Create an open, restricted or automatic group (units.manage or org.settings)");
        groups.MapPut("/{groupId:guid}", Update).WithName("UpdateGroup")
            .WithSummary("Rename a group, or change an automatic group's rule; the kind stays (units.manage or org.settings)")
            .WithDescription("PUT replaces: name is required; a description or rule left out is none. The kind is fixed when the group is created: "
                + "it may be left out, and if given must be the group's kind.");
        groups.MapDelete("/{groupId:guid}", Delete).WithName("DeleteGroup").WithSummary("Delete a group (units.manage or org.settings)");
        return routes;
    }

    public static async Task<Results<Ok<List<GroupResponse>>, ProblemHttpResult>> List(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("listing groups needs members.read");
        var groups = await db.MessageGroups.AsNoTracking().Where(g => g.OrganizationId == organizationId).OrderBy(g => g.NormalizedName).ToListAsync(cancellationToken);
        return TypedResults.Ok(groups.Select(GroupResponse.From).ToList());
    }

    public static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> Get(
        Guid organizationId, Guid groupId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        if (!caller.Holds(Permissions.MembersRead)) return Problems.Forbidden("reading groups needs members.read");
        var group = await db.MessageGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId && g.OrganizationId == organizationId, cancellationToken);
        return group is null ? Problems.NotFound("Group") : TypedResults.Ok(GroupResponse.From(group));
    }

    public static async Task<Results<Created<GroupResponse>, ValidationProblem, ProblemHttpResult>> Create(
        Guid organizationId, GroupRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await GroupManagerAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var errors = Validate(request, out var name, out var description, out var kind, out var rule);
        if (kind is null) errors["kind"] = ["One of open, restricted, automatic."];
        else if (MessageGroup.RuleProblem(kind.Value, rule) is { } ruleProblem) errors.TryAdd("rule", [ruleProblem]);
        if (errors.Count > 0) return Problems.Validation(errors);
        var (ruleUnitPath, unitProblem) = await RuleUnitAsync(db, organizationId, rule, cancellationToken);
        if (unitProblem is not null) return unitProblem;
        if (!MessageGroup.MayBeManagedBy(caller!.Actor, kind!.Value, rule, ruleUnitPath))
            return Problems.Forbidden("a manager scoped to a unit manages only automatic groups of units in their subtree");

        var group = MessageGroup.Create(organizationId, name, description, kind.Value, rule, caller.Actor.UserId, time.GetUtcNow());
        db.MessageGroups.Add(group);
        if (!await SaveAsync(db, cancellationToken)) return NameConflict(name);
        return TypedResults.Created($"/organizations/{organizationId}/groups/{group.Id}", GroupResponse.From(group));
    }

    public static async Task<Results<Ok<GroupResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid organizationId, Guid groupId, GroupRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (caller, problem) = await GroupManagerAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var group = await db.MessageGroups.SingleOrDefaultAsync(g => g.Id == groupId && g.OrganizationId == organizationId, cancellationToken);
        if (group is null) return Problems.NotFound("Group");
        var errors = Validate(request, out var name, out var description, out var kind, out var rule);
        if (request.Kind is not null && kind != group.Kind) errors["kind"] = ["A group keeps its kind; create a new group instead."];
        else if (MessageGroup.RuleProblem(group.Kind, rule) is { } ruleProblem) errors.TryAdd("rule", [ruleProblem]);
        if (errors.Count > 0) return Problems.Validation(errors);
        var (ruleUnitPath, unitProblem) = await RuleUnitAsync(db, organizationId, rule, cancellationToken);
        if (unitProblem is not null) return unitProblem;
        var (currentPath, _) = await RuleUnitAsync(db, organizationId, group.Rule, cancellationToken);
        if (!MessageGroup.MayBeManagedBy(caller!.Actor, group.Kind, group.Rule, currentPath) || !MessageGroup.MayBeManagedBy(caller.Actor, group.Kind, rule, ruleUnitPath))
            return Problems.Forbidden("a manager scoped to a unit manages only automatic groups of units in their subtree");

        group.Describe(name, description);
        group.ChangeRule(rule);
        if (!await SaveAsync(db, cancellationToken)) return NameConflict(name);
        return TypedResults.Ok(GroupResponse.From(group));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid organizationId, Guid groupId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var (caller, problem) = await GroupManagerAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var group = await db.MessageGroups.SingleOrDefaultAsync(g => g.Id == groupId && g.OrganizationId == organizationId, cancellationToken);
        if (group is null) return Problems.NotFound("Group");
        var (path, _) = await RuleUnitAsync(db, organizationId, group.Rule, cancellationToken);
        if (!MessageGroup.MayBeManagedBy(caller!.Actor, group.Kind, group.Rule, path))
            return Problems.Forbidden("a manager scoped to a unit manages only automatic groups of units in their subtree");

        db.MessageGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(Caller? Caller, ProblemHttpResult? Problem)> GroupManagerAsync(
        Guid organizationId, HttpContext context, OrganizationAccess access, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, Problems.NotFound("Organization"));
        if (!caller.Holds(Permissions.UnitsManage) && !caller.Holds(Permissions.OrgSettings))
            return (caller, Problems.Forbidden("managing message groups needs units.manage or org.settings"));
        if (caller.IsArchived) return (caller, Problems.Archived());
        return (caller, null);
    }

    private static Dictionary<string, string[]> Validate(GroupRequest request, out string name, out string description, out GroupKind? kind, out GroupRule? rule)
    {
        var errors = new Dictionary<string, string[]>();
        name = (request.Name ?? "").Trim();
        description = (request.Description ?? "").Trim();
        if (name.Length is 0 or > MessageGroup.MaxNameLength || name.Any(char.IsControl))
            errors["name"] = [$"A name of 1 to {MessageGroup.MaxNameLength} characters is required."];
        if (description.Length > MessageGroup.MaxDescriptionLength || description.Any(char.IsControl))
            errors["description"] = [$"At most {MessageGroup.MaxDescriptionLength} characters on one line."];
        kind = Enum.TryParse<GroupKind>(request.Kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(request.Kind, out _) ? parsed : null;

        rule = null;
        if (request.Rule is { } wanted)
        {
            var rank = Rank.Viewer;
            switch (wanted.Type?.ToLowerInvariant())
            {
                case "rank" when Ranks.TryParse(wanted.Rank, out rank):
                    rule = new GroupRule(GroupRuleType.Rank, Rank: rank);
                    break;
                case "rank":
                    errors["rule.rank"] = ["The lowest rank included: owner, admin, manager, member or viewer."];
                    break;
                case "unit" when wanted.UnitId is not null:
                    rule = new GroupRule(GroupRuleType.Unit, UnitId: wanted.UnitId);
                    break;
                case "unit":
                    errors["rule.unitId"] = ["The unit whose members (and its sub-units' members) are in the group."];
                    break;
                case "all-members":
                    rule = new GroupRule(GroupRuleType.AllMembers);
                    break;
                default:
                    errors["rule.type"] = ["One of rank (a rank and above), unit (a unit and its sub-units), all-members."];
                    break;
            }
        }

        return errors;
    }

    private static async Task<(string? Path, ValidationProblem? Problem)> RuleUnitAsync(MembershipDbContext db, Guid organizationId, GroupRule? rule, CancellationToken cancellationToken)
    {
        if (rule is not { Type: GroupRuleType.Unit, UnitId: { } unitId }) return (null, null);
        var path = await db.Units.Where(u => u.Id == unitId && u.OrganizationId == organizationId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);
        return path is null ? (null, Problems.Validation("rule.unitId", "No such unit in this organization.")) : (path, null);
    }

    private static async Task<bool> SaveAsync(MembershipDbContext db, CancellationToken cancellationToken)
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

    private static ProblemHttpResult NameConflict(string name) => Problems.Conflict($"The organization already has a group named '{name}'.");
}

public sealed record GroupRequest(string? Name, string? Description, string? Kind, GroupRuleRequest? Rule);

/// <summary>An automatic group's rule: type rank (with rank: that rank and above), unit (with unitId: its subtree) or all-members.</summary>
public sealed record GroupRuleRequest(string? Type, string? Rank, Guid? UnitId);

public sealed record GroupRuleResponse(string Type, string? Rank, Guid? UnitId);

public sealed record GroupResponse(Guid Id, string Name, string Description, string Kind, GroupRuleResponse? Rule, DateTimeOffset CreatedAt)
{
    public static GroupResponse From(MessageGroup group) => new(
        group.Id, group.Name, group.Description, group.Kind.ToString().ToLowerInvariant(),
        group.Rule is { } rule ? new GroupRuleResponse(RuleTypeName(rule.Type), rule.Rank is { } rank ? Ranks.Name(rank) : null, rule.UnitId) : null,
        group.CreatedAt);

    private static string RuleTypeName(GroupRuleType type) => type switch
    {
        GroupRuleType.Rank => "rank",
        GroupRuleType.Unit => "unit",
        _ => "all-members",
    };
}
