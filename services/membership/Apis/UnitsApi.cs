using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Membership.Apis;

/// <summary>
/// An organization's tree of units, each with the values of the organization's unit fields (its settings'
/// unitCustomFields). A manager scoped to a unit manages only its subtree. Every change publishes its event
/// (UnitCreated, UnitRenamed, UnitCustomFieldsChanged, UnitMoved, UnitDeleted) through the outbox.
/// </summary>
public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder routes)
    {
        var units = routes.MapGroup("/organizations/{organizationId:guid}/units").WithTags("Units");
        units.MapGet("/", List).WithName("ListUnits").WithSummary("The organization's units (members.read)");
        units.MapPost("/", Create).WithName("CreateUnit").WithSummary("Create a unit (units.manage)")
            .WithDescription("customFields holds values of the organization's unit fields (settings: unitCustomFields); every required one must be given. "
                + "An unknown key, a value over 500 characters or a missing required field is a 400 naming customFields.<key>.");
        units.MapPut("/{unitId:guid}", Rename).WithName("RenameUnit").WithSummary("Replace a unit's name, label and custom fields (units.manage)")
            .WithDescription("PUT replaces: name and customFields are required (a missing one is a 400 naming it; {} removes every value); a label left out "
                + "is `unit`. The custom fields follow the rules of creating a unit. A unit moves with POST .../move, not here.");
        units.MapPost("/{unitId:guid}/move", Move).WithName("MoveUnit").WithSummary("Move a unit and its subtree under another (units.manage)");
        units.MapDelete("/{unitId:guid}", Delete).WithName("DeleteUnit").WithSummary("Delete an empty unit without sub-units (units.manage)");
        return routes;
    }

    public static async Task<Results<Ok<List<UnitResponse>>, ProblemHttpResult>> List(
        Guid organizationId, HttpContext context, OrganizationAccess access, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return Problems.NotFound("Organization");
        var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == organizationId).OrderBy(u => u.Path).ToListAsync(cancellationToken);
        return TypedResults.Ok(units.Select(UnitResponse.From).ToList());
    }

    public static async Task<Results<Created<UnitResponse>, ValidationProblem, ProblemHttpResult>> Create(
        Guid organizationId, UnitRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await ManagerOfAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        if (Validate(request, out var name, out var label) is { } errors) return errors;

        Unit? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Units.SingleOrDefaultAsync(u => u.Id == parentId && u.OrganizationId == organizationId, cancellationToken);
            if (parent is null) return Problems.Validation("parentId", "No such unit in this organization.");
            if (parent.Depth >= Unit.MaxDepth) return Problems.Validation("parentId", $"Units nest at most {Unit.MaxDepth} deep.");
        }

        if (!caller!.Actor.Covers(parent?.Path))
            return Problems.Forbidden("a manager scoped to a unit creates units only inside it");

        var unit = Unit.Create(organizationId, parent, name, label, time.GetUtcNow());
        if (unit.SetCustomFields(caller.Organization, request.CustomFields ?? []).Refusal is { } refusal) return FieldProblem(refusal);
        db.Units.Add(unit);
        outbox.Add(new UnitCreated(organizationId, unit.Id, unit.ParentId, unit.Name, unit.Label, unit.CreatedAt, unit.CustomFields));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/organizations/{organizationId}/units/{unit.Id}", UnitResponse.From(unit));
    }

    public static async Task<Results<Ok<UnitResponse>, ValidationProblem, ProblemHttpResult>> Rename(
        Guid organizationId, Guid unitId, UnitRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await ManagerOfAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        if (Validate(request, out var name, out var label) is { } errors) return errors;
        if (request.CustomFields is null)
            return Problems.Validation("customFields", "Required: PUT replaces the unit, custom fields included ({} for none).");
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.OrganizationId == organizationId, cancellationToken);
        if (unit is null) return Problems.NotFound("Unit");
        if (!caller!.Actor.Covers(unit.Path)) return Problems.Forbidden("the unit is outside the manager's units");

        var (refusal, fieldsChanged) = unit.SetCustomFields(caller.Organization, request.CustomFields);
        if (refusal is not null) return FieldProblem(refusal.Value);
        var now = time.GetUtcNow();
        if (fieldsChanged) outbox.Add(new UnitCustomFieldsChanged(organizationId, unit.Id, unit.CustomFields, now));
        if (unit.Name != name || unit.Label != label)
        {
            unit.Rename(name, label);
            outbox.Add(new UnitRenamed(organizationId, unit.Id, unit.Name, unit.Label, now));
        }

        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Ok(UnitResponse.From(unit));
    }

    public static async Task<Results<Ok<UnitResponse>, ValidationProblem, ProblemHttpResult>> Move(
        Guid organizationId, Guid unitId, MoveUnitRequest request, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await ManagerOfAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var units = await db.Units.Where(u => u.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var unit = units.SingleOrDefault(u => u.Id == unitId);
        if (unit is null) return Problems.NotFound("Unit");
        var parent = request.ParentId is { } parentId ? units.SingleOrDefault(u => u.Id == parentId) : null;
        if (request.ParentId is not null && parent is null) return Problems.Validation("parentId", "No such unit in this organization.");
        if (!caller!.Actor.Covers(unit.Path) || !caller.Actor.Covers(parent?.Path) || (caller.Actor.ScopePath == unit.Path))
            return Problems.Forbidden("a scoped manager moves units only within their own unit");
        if (unit.MoveUnder(parent) is { } refusal) return Problems.Conflict(refusal);

        var oldPrefix = unit.Path;
        var newPrefix = $"{parent?.Path ?? "/"}{unit.Id:N}/";
        var subtree = units.Where(u => u.Path.StartsWith(oldPrefix, StringComparison.Ordinal)).ToList();
        if (subtree.Max(u => u.Depth) - unit.Depth + (parent?.Depth ?? 0) + 1 > Unit.MaxDepth)
            return Problems.Conflict($"Units nest at most {Unit.MaxDepth} deep.");
        if (oldPrefix != newPrefix)
        {
            subtree.ForEach(u => u.Rebase(oldPrefix, newPrefix));
            outbox.Add(new UnitMoved(organizationId, unit.Id, unit.ParentId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(UnitResponse.From(unit));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid organizationId, Guid unitId, HttpContext context, OrganizationAccess access, MembershipDbContext db,
        IEventOutbox outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var (caller, problem) = await ManagerOfAsync(organizationId, context, access, cancellationToken);
        if (problem is not null) return problem;
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.OrganizationId == organizationId, cancellationToken);
        if (unit is null) return Problems.NotFound("Unit");
        if (!caller!.Actor.Covers(unit.Path) || caller.Actor.ScopePath == unit.Path) return Problems.Forbidden("a scoped manager deletes only units below their own");
        if (await db.Units.AnyAsync(u => u.ParentId == unitId, cancellationToken)) return Problems.Conflict("The unit has sub-units; move or delete them first.");
        var members = await db.Members.CountAsync(m => m.Units.Any(u => u.UnitId == unitId) || m.ScopeUnitId == unitId, cancellationToken);
        if (members > 0) return Problems.Conflict($"The unit still has {members} member(s); move them to another unit first.");
        var grants = await db.RoleGrants.CountAsync(g => g.ScopeUnitId == unitId, cancellationToken)
            + await db.UnitRoleGrants.CountAsync(g => g.ScopeUnitId == unitId || g.UnitId == unitId, cancellationToken);
        if (grants > 0) return Problems.Conflict($"{grants} role grant(s) are held by the unit or scoped to it; revoke them first.");
        var groups = await db.MessageGroups.CountAsync(g => g.RuleUnitId == unitId, cancellationToken);
        if (groups > 0) return Problems.Conflict($"{groups} automatic message group(s) follow the unit; change their rule first.");

        db.Units.Remove(unit);
        outbox.Add(new UnitDeleted(organizationId, unit.Id, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(Caller? Caller, ProblemHttpResult? Problem)> ManagerOfAsync(
        Guid organizationId, HttpContext context, OrganizationAccess access, CancellationToken cancellationToken)
    {
        var caller = await access.ForAsync(organizationId, context.User, cancellationToken);
        if (caller is null) return (null, Problems.NotFound("Organization"));
        if (!caller.Holds(Permissions.UnitsManage)) return (caller, Problems.Forbidden("managing units needs units.manage"));
        if (caller.IsArchived) return (caller, Problems.Archived());
        return (caller, null);
    }

    private static ValidationProblem FieldProblem((string Key, string Problem) refusal) => Problems.Validation($"customFields.{refusal.Key}", refusal.Problem);

    private static ValidationProblem? Validate(UnitRequest request, out string name, out string label)
    {
        name = (request.Name ?? "").Trim();
        label = string.IsNullOrWhiteSpace(request.Label) ? "unit" : request.Label.Trim().ToLowerInvariant();
        var errors = new Dictionary<string, string[]>();
        if (name.Length is 0 or > Unit.MaxNameLength || name.Any(char.IsControl)) errors["name"] = [$"A name of 1 to {Unit.MaxNameLength} characters is required."];
        if (label.Length > 50 || label.Any(char.IsControl)) errors["label"] = ["A label (branch, department, team, …) of at most 50 characters."];
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }
}

/// <param name="CustomFields">Values of the organization's unit fields by key; optional when creating, required by PUT.</param>
public sealed record UnitRequest(string? Name, string? Label, Guid? ParentId = null, Dictionary<string, string>? CustomFields = null);
public sealed record MoveUnitRequest(Guid? ParentId);

public sealed record UnitResponse(Guid Id, Guid? ParentId, string Name, string Label, int Depth, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> CustomFields)
{
    public static UnitResponse From(Unit unit) => new(unit.Id, unit.ParentId, unit.Name, unit.Label, unit.Depth, unit.CreatedAt, unit.CustomFields);
}
