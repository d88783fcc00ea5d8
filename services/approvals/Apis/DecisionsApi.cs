using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Requests;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Approvals.Apis;

/// <summary>
/// Internal approvers: what waits for my decision across my organizations, and the decision itself.
/// Nobody decides their own request; every decision keeps who, when, the client's address and user agent.
/// </summary>
public static class DecisionsApi
{
    public const int MaxPageSize = 200;
    public const int MaxCommentLength = 2000;

    public static IEndpointRouteBuilder MapDecisionsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/pending-approvals", Pending).WithTags("Decisions").WithName("ListMyPendingApprovals")
            .WithSummary("Requests waiting for my decision, across my organizations, oldest first (?limit=&cursor=)");
        var requests = routes.MapGroup("/requests/{requestId:guid}").WithTags("Decisions");
        requests.MapPost("/decision", Decide).WithName("DecideRequest").WithSummary("Approve or reject the current step, with a comment");
        requests.MapPost("/external-link", ReissueLink).WithName("ReissueExternalLink").RequireScope(RequestsApi.RequestScope)
            .WithSummary("Send the external approver a new one-time link; the old one stops working (the requester)");
        return routes;
    }

    public static async Task<Results<Ok<PendingApprovalPage>, ValidationProblem>> Pending(
        HttpContext context, ApprovalsDbContext db, int? limit, Guid? cursor, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > MaxPageSize) return Problems.Validation("limit", $"Between 1 and {MaxPageSize}.");
        var me = context.User.UserId();
        var bound = context.User.ClientOrganizationId();
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.State == RequestState.Pending && (bound == null || r.OrganizationId == bound))
            .Where(r => db.Members.Any(m => m.OrganizationId == r.OrganizationId && m.UserId == me && !m.Suspended))
            .SelectMany(r => r.Assignments.Where(a => a.ApproverId == me && a.State == AssignmentState.Pending && a.Step == r.CurrentStep),
                (r, a) => new { r.Id, r.OrganizationId, r.Type, r.Title, r.Amount, r.Currency, r.RequesterId, r.CurrentStep, r.Steps, r.StepDeadline, a.AssignedAt, AssignmentId = a.Id })
            .Where(x => cursor == null || x.AssignmentId.CompareTo(cursor.Value) > 0)
            .OrderBy(x => x.AssignmentId)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(x => new PendingApprovalResponse(x.Id, x.OrganizationId, x.Type, x.Title, x.Amount, x.Currency, x.RequesterId,
            x.CurrentStep + 1, x.Steps[x.CurrentStep].Name, x.StepDeadline, x.AssignedAt)).ToList();
        return TypedResults.Ok(new PendingApprovalPage(items, rows.Count > size ? rows[size - 1].AssignmentId.ToString() : null));
    }

    public static async Task<Results<Ok<RequestResponse>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid requestId, DecisionInput input, HttpContext context, CallerAccess access, ApprovalsDbContext db, RequestEventPublisher events,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Decision is not ("approve" or "reject")) errors["decision"] = ["approve or reject."];
        if (input.Comment is { Length: > MaxCommentLength }) errors["comment"] = [$"Up to {MaxCommentLength} characters."];
        if (errors.Count > 0) return Problems.Validation(errors);
        if (await access.RequestAsync(requestId, context.User, cancellationToken) is not var (request, caller)) return Problems.NotFound("Request");

        if (request.State != RequestState.Pending) return Problems.StateTransition($"The request is {States.Name(request.State)}; it takes no more decisions.");
        var now = time.GetUtcNow();
        var before = RequestBefore.Of(request);
        var directory = await DirectorySnapshot.LoadAsync(db, request.OrganizationId, cancellationToken);
        var origin = new DecisionOrigin(context.ClientAddress(), UserAgent(context));
        if (request.Decide(ApproverRef.Member(caller.UserId), input.Decision == "approve", input.Comment, now, directory, origin) is { } refusal)
            return Problems.Forbidden(refusal);
        await events.PublishAsync(request, before, null, caller.UserId, now, cancellationToken);
        return (await RequestsApi.SaveAsync(db, request, cancellationToken)).Result switch
        {
            Ok<RequestResponse> ok => ok,
            ProblemHttpResult problem => problem,
            var other => throw new InvalidOperationException($"Unexpected result {other}."),
        };
    }

    public static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> ReissueLink(
        Guid requestId, HttpContext context, CallerAccess access, ApprovalsDbContext db, RequestEventPublisher events, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await access.RequestAsync(requestId, context.User, cancellationToken) is not var (request, caller)) return Problems.NotFound("Request");
        if (request.RequesterId != caller.UserId) return Problems.Forbidden("Only the requester asks for a new link.");
        var external = request.PendingAssignments.FirstOrDefault(a => a.ExternalEmail is not null);
        if (request.State != RequestState.Pending || external is null)
            return Problems.StateTransition("No external approver is waiting to decide this request.");
        await events.IssueLinkAsync(request, external.ExternalEmail!, time.GetUtcNow(), cancellationToken);
        return await RequestsApi.SaveAsync(db, request, cancellationToken);
    }

    internal static string? UserAgent(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return agent.Length == 0 ? null : agent.Length > 500 ? agent[..500] : agent;
    }
}
