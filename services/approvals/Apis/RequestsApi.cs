using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.Requests;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Approvals.Apis;

/// <summary>
/// Requests for approval: made by a member or a client app of the organization (scope
/// <c>approvals.request</c>), routed by the organization's policy for their type, read by their
/// requester, their approvers and the organization's senior managers, cancelled by their requester.
/// </summary>
public static class RequestsApi
{
    public const string RequestScope = "approvals.request";

    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/organizations/{organizationId:guid}/requests", Create).WithTags("Requests").WithName("CreateRequest").RequireScope(RequestScope)
            .WithSummary("Ask for approval; routed by the organization's policy for the type")
            .WithDescription("Honours Idempotency-Key: a retry with the same key and body answers with the request made the first time; "
                + "the same key with another body is a 409 problem. A nominated external approver must be allowed by the policy (else 400).");
        routes.MapGet("/organizations/{organizationId:guid}/requests", OrganizationRequestsApi.List).WithTags("Requests").WithName("ListOrganizationRequests")
            .RequireScope(RequestScope)
            .WithSummary("The organization's requests, newest first, paged (?state=&page=&pageSize=)")
            .WithDescription("Owners, admins, managers without a unit scope and holders of approvals.read read every request; "
                + "everyone else the requests they made or were asked to decide. allRequests in the answer says which.");
        var requests = routes.MapGroup("/requests").WithTags("Requests");
        requests.MapGet("/{requestId:guid}", Get).WithName("GetRequest").RequireScope(RequestScope)
            .WithSummary("A request and where it stands (its requester, its approvers, the organization's senior managers and approvals.read holders)");
        requests.MapGet("/{requestId:guid}/history", History).WithName("GetRequestHistory").RequireScope(RequestScope)
            .WithSummary("Everything that happened to a request, in order (its requester, the organization's senior managers and approvals.read holders)");
        requests.MapPost("/{requestId:guid}/cancel", Cancel).WithName("CancelRequest").RequireScope(RequestScope)
            .WithSummary("Cancel a pending request (its requester)");
        return routes;
    }

    public static async Task<Results<Created<RequestResponse>, ValidationProblem, ProblemHttpResult>> Create(
        Guid organizationId, RequestInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context,
        CallerAccess access, ApprovalsDbContext db, RequestEventPublisher events, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = await access.InOrganizationAsync(organizationId, context.User, cancellationToken, mayBeProspect: input.Type == CallerAccess.JoinType);
        if (caller is null) return Problems.NotFound("Organization");
        if (caller.Organization.Archived) return Problems.Archived();
        var (draft, errors) = input.ToDraft();
        if (input.Type == CallerAccess.JoinType && !JoinRequest.IsForCaller(input.Subject?.ExternalId, caller.UserId))
            errors["subject.externalId"] = [$"A request to join is for yourself as a member: user={caller.UserId};rank=member, optionally ;units={{id}},{{id}}."];
        if (draft?.ExternalNominee is { } nominee && await IsInsiderAsync(db, organizationId, caller.UserId, nominee, cancellationToken))
            errors["externalNominee"] = ["An external approver is someone outside the organization: not you, not one of its members."];
        if (idempotencyKey is { Length: 0 or > RequestSubmission.MaxKeyLength }) errors["Idempotency-Key"] = [$"1 to {RequestSubmission.MaxKeyLength} characters."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new { organizationId, input }, JsonSerializerOptions.Web));
        if (idempotencyKey is not null && await RepeatedAsync(db, caller.UserId, idempotencyKey, hash, cancellationToken) is { } repeated) return repeated;

        var policy = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.OrganizationId == organizationId && p.RequestType == input.Type, cancellationToken);
        if (policy is null) return Problems.Validation("type", $"This organization takes no requests of type '{input.Type}' (it has no policy for it).");

        var now = time.GetUtcNow();
        var directory = await DirectorySnapshot.LoadAsync(db, organizationId, cancellationToken);
        var (request, refusal) = ApprovalRequest.Submit(policy, draft!, caller.UserId, directory, now);
        if (refusal is not null) return Problems.Validation(refusal.Field, refusal.Reason);

        db.Requests.Add(request!);
        await events.PublishAsync(request!, RequestBefore.Of(null), RequestEventPublisher.Requested, caller.UserId, now, cancellationToken);
        if (idempotencyKey is not null) db.Submissions.Add(RequestSubmission.Record(caller.UserId, idempotencyKey, hash, request!.Id, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && idempotencyKey is not null)
        {
            // The same call raced itself: the first one made the request.
            db.ChangeTracker.Clear();
            return await RepeatedAsync(db, caller.UserId, idempotencyKey, hash, cancellationToken)
                ?? Problems.Conflict("This Idempotency-Key is being used by another call at the same moment; send the request again.");
        }

        return TypedResults.Created($"/requests/{request!.Id}", RequestResponse.From(request));
    }

    public static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> Get(
        Guid requestId, HttpContext context, CallerAccess access, CancellationToken cancellationToken) =>
        await access.RequestAsync(requestId, context.User, cancellationToken) is { } found
            ? TypedResults.Ok(RequestResponse.From(found.Request))
            : Problems.NotFound("Request");

    public static async Task<Results<Ok<List<HistoryEntryResponse>>, ProblemHttpResult>> History(
        Guid requestId, HttpContext context, CallerAccess access, CancellationToken cancellationToken)
    {
        if (await access.RequestAsync(requestId, context.User, cancellationToken) is not var (request, caller)) return Problems.NotFound("Request");
        if (!caller.ReadsEveryRequest && request.RequesterId != caller.UserId)
            return Problems.Forbidden("A request's history is for its requester and those who read every request of the organization (admins, managers without a unit, approvals.read).");
        return TypedResults.Ok(request.History.OrderBy(h => h.Sequence).Select(h => new HistoryEntryResponse(h.At, h.Event, h.Actor, h.Detail)).ToList());
    }

    public static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> Cancel(
        Guid requestId, HttpContext context, CallerAccess access, ApprovalsDbContext db, RequestEventPublisher events, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await access.RequestAsync(requestId, context.User, cancellationToken) is not var (request, caller)) return Problems.NotFound("Request");
        if (request.RequesterId != caller.UserId) return Problems.Forbidden("Only the requester cancels a request.");
        var now = time.GetUtcNow();
        var before = RequestBefore.Of(request);
        if (request.Cancel(caller.UserId, now) is { } refusal) return Problems.StateTransition(refusal);
        await events.PublishAsync(request, before, null, caller.UserId, now, cancellationToken);
        return await SaveAsync(db, request, cancellationToken);
    }

    /// <summary>The requester's own address, or a member's: they decide inside, where the rules on self-approval hold.</summary>
    private static Task<bool> IsInsiderAsync(ApprovalsDbContext db, Guid organizationId, Guid requesterId, string nominee, CancellationToken cancellationToken)
    {
        var address = nominee.Trim().ToLowerInvariant();
        return db.Approvers.AnyAsync(a => a.Email.ToLower() == address
            && (a.UserId == requesterId || db.Members.Any(m => m.OrganizationId == organizationId && m.UserId == a.UserId)), cancellationToken);
    }

    internal static async Task<Results<Ok<RequestResponse>, ProblemHttpResult>> SaveAsync(ApprovalsDbContext db, ApprovalRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.ChangedMeanwhile();
        }

        return TypedResults.Ok(RequestResponse.From(request));
    }

    private static async Task<Results<Created<RequestResponse>, ValidationProblem, ProblemHttpResult>?> RepeatedAsync(
        ApprovalsDbContext db, Guid requesterId, string idempotencyKey, byte[] hash, CancellationToken cancellationToken)
    {
        var earlier = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.RequesterId == requesterId && s.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null) return null;
        if (!earlier.Repeats(hash)) return Problems.Conflict("This Idempotency-Key was used for a different request.");
        var request = await db.Requests.AsNoTracking().SingleAsync(r => r.Id == earlier.RequestId, cancellationToken);
        return TypedResults.Created($"/requests/{request.Id}", RequestResponse.From(request));
    }
}
