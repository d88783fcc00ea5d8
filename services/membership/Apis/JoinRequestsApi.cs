using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.JoinRequests;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Membership.Apis;

/// <summary>
/// Joining by name: an organization open to join requests (a setting) is found by its slug, and a person asks
/// to join it with one call. The request itself is an approval request of type <c>membership.join</c>, filed in
/// the caller's name with the approvals service, whose policy for that type routes it; when approved, membership
/// adds the person (see ApprovalDecidedConsumer).
/// </summary>
public static class JoinRequestsApi
{
    public const int MaxUnits = 3;
    public const int MaxMessageLength = 2000;

    public static IEndpointRouteBuilder MapJoinRequestsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/organizations/by-slug/{slug}", FindBySlug).WithTags("Joining").WithName("FindOrganizationBySlug")
            .WithSummary("An organization by its slug: one open to join requests, or one I belong to")
            .WithDescription("Any other slug is a 404, so a closed organization's name says nothing to outsiders.");
        routes.MapPost("/organizations/{organization}/join-requests", Ask).WithTags("Joining").WithName("AskToJoin")
            .WithSummary("Ask to join an organization open to join requests, by its slug (or id)")
            .WithDescription("Files an approval request of type membership.join in the caller's name, optionally for some of its units "
                + $"(up to {MaxUnits}); the organization's policy for membership.join routes it, and the answer is that request "
                + "(Location: /api/approvals/requests/{id}). Honours Idempotency-Key as approvals does. 404 for an organization not open "
                + "to join requests, 409 for a member, 400 when the organization has no policy for membership.join. While the caller's earlier "
                + "request to join is pending, asking again is a 409 naming it (requestId, and Location: /api/approvals/requests/{id}) and files "
                + "nothing, however many asks race each other; a retry with the earlier ask's Idempotency-Key gets that ask's answer again. "
                + "Once approvals decides it, it expires or it is cancelled, the person may ask again.")
            .Produces<JsonElement>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    public static async Task<Results<Ok<OrganizationListing>, ProblemHttpResult>> FindBySlug(
        string slug, HttpContext context, MembershipDbContext db, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, slug, context.User.UserId(), cancellationToken);
        return found is var (organization, member) && context.User.MayActIn(organization.Id) && (organization.RefuseJoinRequest(member) is not JoinRefusal.NotFound)
            ? TypedResults.Ok(OrganizationListing.From(organization, member))
            : NotOpen(slug);
    }

    public static async Task<IResult> Ask(
        string organization, JoinRequestInput? input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context,
        MembershipDbContext db, ApprovalsRequests approvals, JoinRequestClaims claims, CancellationToken cancellationToken)
    {
        input ??= new JoinRequestInput(null, null);
        var userId = context.User.UserId();
        if (await FindAsync(db, organization, userId, cancellationToken) is not var (found, member) || !context.User.MayActIn(found.Id)) return NotOpen(organization);
        switch (found.RefuseJoinRequest(member))
        {
            case JoinRefusal.NotFound: return NotOpen(organization);
            case JoinRefusal.Archived: return Problems.Archived();
            case JoinRefusal.AlreadyMember: return Problems.Conflict("You are already a member of this organization.");
            case JoinRefusal.Suspended: return Problems.Forbidden("your membership of this organization is suspended; its admins can reactivate it");
        }

        var errors = new Dictionary<string, string[]>();
        var message = string.IsNullOrWhiteSpace(input.Message) ? null : input.Message.Trim();
        if (message is { Length: > MaxMessageLength }) errors["message"] = [$"Up to {MaxMessageLength} characters."];
        var unitIds = (input.UnitIds ?? []).Distinct().ToList();
        if (unitIds.Count > MaxUnits) errors["unitIds"] = [$"Up to {MaxUnits} units to join in."];
        else if (unitIds.Count > 0 && await db.Units.CountAsync(u => u.OrganizationId == found.Id && unitIds.Contains(u.Id), cancellationToken) != unitIds.Count)
            errors["unitIds"] = ["Units of this organization (some of these are not)."];
        if (idempotencyKey is { Length: 0 or > PendingJoinRequest.MaxIdempotencyKeyLength })
            errors["Idempotency-Key"] = [$"1 to {PendingJoinRequest.MaxIdempotencyKeyLength} characters."];
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var authorization))
            errors["authorization"] = ["The gateway's internal token is missing."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (u.FirstName + " " + u.LastName).Trim()).SingleOrDefaultAsync(cancellationToken);
        var title = $"{(string.IsNullOrEmpty(person) ? "Someone" : person)} asks to join {found.Name}";
        var externalId = $"user={userId};rank=member" + (unitIds.Count > 0 ? $";units={string.Join(',', unitIds)}" : "");
        var claim = await claims.ClaimAsync(found.Id, userId, idempotencyKey, cancellationToken);
        if (claim.Token is null && !claim.IsRetry(idempotencyKey)) return AlreadyAsked(context, found, claim.Standing);

        HttpStatusCode status;
        JsonElement body;
        try
        {
            (status, body) = await approvals.SubmitJoinAsync(authorization!, found.Id, new JoinDraft(title[..Math.Min(title.Length, 200)], message, externalId),
                idempotencyKey, cancellationToken);
        }
        catch (Exception) when (claim.Token is not null)
        {
            // Approvals away (a 503 for the caller) or the caller gone: nothing was filed that we know of, so they may ask again.
            await claims.Release(claim.Token, CancellationToken.None);
            throw;
        }

        // Approvals' answer stands as it gave it: the request made, or why not (no policy, a missing scope, a bad key).
        var filed = status == HttpStatusCode.Created && body.TryGetProperty("id", out var id) ? id.GetGuid() : (Guid?)null;
        if (claim.Token is { } token)
        {
            // Only a request still waiting stays remembered; one decided at once (an automatic approval) is concluded already.
            if (filed is { } requestId && body.TryGetProperty("state", out var state) && state.GetString() == "pending") await claims.Filed(token, requestId, cancellationToken);
            else await claims.Release(token, cancellationToken);
        }

        if (filed is { } created)
        {
            context.Response.Headers.Location = RequestLocation(created);
            return TypedResults.Json(body, statusCode: StatusCodes.Status201Created, contentType: "application/json");
        }

        return TypedResults.Json(body, statusCode: (int)status, contentType: (int)status < 400 ? "application/json" : "application/problem+json");
    }

    /// <summary>The 409 for a second ask while the first is pending: it names that request, so the person can follow it.</summary>
    private static ProblemHttpResult AlreadyAsked(HttpContext context, Organization organization, PendingJoinRequest? standing)
    {
        if (standing?.RequestId is { } requestId) context.Response.Headers.Location = RequestLocation(requestId);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, type: Platform.ServiceDefaults.Problems.ProblemTypes.Conflict,
            title: "You have asked to join already.",
            // Concluded between the two looks: the person may simply ask again.
            detail: standing?.Refusal(organization.Name) ?? "Your earlier request to join was concluded a moment ago; ask again.",
            extensions: new Dictionary<string, object?> { ["requestId"] = standing?.RequestId });
    }

    private static string RequestLocation(Guid requestId) => $"/api/approvals/requests/{requestId}";

    private static async Task<(Organization, Member?)?> FindAsync(MembershipDbContext db, string slugOrId, Guid userId, CancellationToken cancellationToken)
    {
        var key = slugOrId.Trim().ToLowerInvariant();
        var organization = Guid.TryParse(key, out var id)
            ? await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            : Organization.IsValidSlug(key) ? await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == key, cancellationToken) : null;
        if (organization is null) return null;
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.OrganizationId == organization.Id && m.UserId == userId, cancellationToken);
        return (organization, member);
    }

    private static ProblemHttpResult NotOpen(string slug) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: Platform.ServiceDefaults.Problems.ProblemTypes.NotFound, title: "Organization not found.",
        detail: $"No organization open to join requests is called '{(slug.Length > 63 ? slug[..63] + "…" : slug)}'.");
}

/// <param name="Message">A word to the organization's approvers (up to 2000 characters).</param>
/// <param name="UnitIds">Units of the organization to join in, too (up to 3).</param>
public sealed record JoinRequestInput(string? Message, List<Guid>? UnitIds);

/// <summary>What anyone signed in may know of an organization open to join requests.</summary>
public sealed record OrganizationListing(Guid Id, string Name, string Slug, bool OpenToJoinRequests, string? MyRank)
{
    public static OrganizationListing From(Organization organization, Member? member) => new(
        organization.Id, organization.Name, organization.Slug, organization.OpenToJoinRequests, member is null ? null : Ranks.Name(member.Rank));
}
