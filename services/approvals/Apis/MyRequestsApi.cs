using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Requests;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Approvals.Apis;

/// <summary>
/// The requests I made, across my organizations, newest first: what a requester follows in the console.
/// Only where I may still read them (an active member, or my own request to join), as GET /requests/{id} decides.
/// </summary>
public static class MyRequestsApi
{
    public static IEndpointRouteBuilder MapMyRequestsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/my-requests", List).WithTags("Requests").WithName("ListMyRequests")
            .WithSummary("Requests I made, across my organizations, newest first (?state=&limit=&cursor=; sessions only)");
        return routes;
    }

    public static async Task<Results<Ok<MyRequestPage>, ValidationProblem>> List(
        HttpContext context, ApprovalsDbContext db, string? state, int? limit, Guid? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var size = limit ?? 50;
        if (size is < 1 or > DecisionsApi.MaxPageSize) errors["limit"] = [$"Between 1 and {DecisionsApi.MaxPageSize}."];
        var known = Enum.GetValues<RequestState>().ToDictionary(States.Name);
        RequestState? only = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (known.TryGetValue(state, out var parsed)) only = parsed;
            else errors["state"] = [$"One of: {string.Join(", ", known.Keys)}."];
        }

        if (errors.Count > 0) return Problems.Validation(errors);
        var me = context.User.UserId();
        var bound = context.User.ClientOrganizationId();
        // Request ids are version 7: their order is the order they were made in.
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.RequesterId == me && (bound == null || r.OrganizationId == bound))
            .Where(r => r.Type == CallerAccess.JoinType || db.Members.Any(m => m.OrganizationId == r.OrganizationId && m.UserId == me && !m.Suspended))
            .Where(r => only == null || r.State == only)
            .Where(r => cursor == null || r.Id.CompareTo(cursor.Value) < 0)
            .OrderByDescending(r => r.Id)
            .Take(size + 1)
            .Select(r => new { r.Id, r.OrganizationId, r.Type, r.Title, r.Amount, r.Currency, r.State, r.CurrentStep, r.Steps, r.StepDeadline, r.CreatedAt, r.ClosedAt })
            .ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(r => new MyRequestResponse(r.Id, r.OrganizationId, r.Type, r.Title, r.Amount, r.Currency, States.Name(r.State),
            r.CurrentStep + 1, r.Steps.Count, r.Steps[r.CurrentStep].Name, r.StepDeadline, r.CreatedAt, r.ClosedAt)).ToList();
        return TypedResults.Ok(new MyRequestPage(items, rows.Count > size ? rows[size - 1].Id.ToString() : null));
    }
}

/// <summary>One of my requests and where it stands. Step is 1-based.</summary>
public sealed record MyRequestResponse(
    Guid Id, Guid OrganizationId, string Type, string Title, decimal? Amount, string? Currency, string State,
    int Step, int StepCount, string StepName, DateTimeOffset? StepDeadline, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

public sealed record MyRequestPage(IReadOnlyList<MyRequestResponse> Items, string? NextCursor);
