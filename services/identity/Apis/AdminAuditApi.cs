using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Identity.Apis;

/// <summary>The audit trail, for platform administrators.</summary>
public static class AdminAuditApi
{
    public static IEndpointRouteBuilder MapAdminAuditApi(this IEndpointRouteBuilder routes)
    {
        var audit = routes.MapGroup("/admin/audit").WithTags("Administration").RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        audit.MapGet("/", Query).WithName("AdminQueryAudit").WithSummary("Audit entries, newest first")
            .WithDescription("userId matches entries the user did or that were done to them; action is an exact action name "
                + "(such as account.state-changed); from is inclusive, to exclusive.");
        routes.MapGet("/organizations/{organizationId:guid}/audit", QueryOrganization).RequireOrganizationAdministrator()
            .WithTags("Organization accounts").WithName("OrganizationQueryAudit")
            .WithSummary("Audit entries of what the organization's owner and admins did to the accounts it manages, newest first")
            .WithDescription("For the owner and admins (404 to anyone else). Filters as in the platform administrators' audit.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static Task<Results<Ok<PagedResponse<AuditRecordResponse>>, ValidationProblem>> Query(
        string? userId, string? action, string? from, string? to, string? page, string? pageSize, IdentityDbContext db,
        CancellationToken cancellationToken) =>
        QueryAsync(db.AuditEntries.AsNoTracking(), userId, action, from, to, page, pageSize, cancellationToken);

    public static Task<Results<Ok<PagedResponse<AuditRecordResponse>>, ValidationProblem>> QueryOrganization(
        Guid organizationId, string? userId, string? action, string? from, string? to, string? page, string? pageSize, IdentityDbContext db,
        CancellationToken cancellationToken) =>
        QueryAsync(db.AuditEntries.AsNoTracking().Where(a => a.OrganizationId == organizationId), userId, action, from, to, page, pageSize, cancellationToken);

    private static async Task<Results<Ok<PagedResponse<AuditRecordResponse>>, ValidationProblem>> QueryAsync(
        IQueryable<AuditEntry> entries, string? userId, string? action, string? from, string? to, string? page, string? pageSize,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? user = null;
        if (!string.IsNullOrEmpty(userId))
        {
            if (Guid.TryParse(userId, out var parsed)) user = parsed;
            else errors["userId"] = ["userId must be a UUID."];
        }

        if (action is { Length: > 64 }) errors["action"] = ["An action name has at most 64 characters."];
        var since = AdminQueries.Time("from", from, errors);
        var until = AdminQueries.Time("to", to, errors);
        var paging = Paging.Parse(page, pageSize, errors);
        if (errors.Count > 0) return Problems.Validation(errors);

        if (user is { } id) entries = entries.Where(a => a.TargetUserId == id || a.ActorId == id);
        if (!string.IsNullOrEmpty(action)) entries = entries.Where(a => a.Action == action);
        if (since is { } start) entries = entries.Where(a => a.OccurredAt >= start);
        if (until is { } end) entries = entries.Where(a => a.OccurredAt < end);

        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(a => new AuditRecordResponse(a.Id, a.OccurredAt, a.Action, a.ActorId, a.TargetUserId, a.ClientAddress, a.UserAgent, a.TraceId, a.Detail, a.OrganizationId))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedResponse<AuditRecordResponse>(items, paging.Page, paging.PageSize, total));
    }
}

public sealed record AuditRecordResponse(
    long Id, DateTimeOffset OccurredAt, string Action, Guid? ActorId, Guid? TargetUserId, string? ClientAddress, string? UserAgent,
    string? TraceId, string? Detail, Guid? OrganizationId = null);
