using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Problems;

namespace Platform.Membership.Apis;

/// <summary>
/// Accepting an invitation from its link. The caller must be logged in as the invited address
/// (<see cref="InvitedCaller"/>: identity is asked when membership's copy of the account lags); the token is single use.
/// </summary>
public static class InvitationAcceptanceApi
{
    public static IEndpointRouteBuilder MapInvitationAcceptanceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/invitations/accept", Accept).WithTags("Invitations").WithName("AcceptInvitation")
            .WithSummary("Accept an invitation by its token, logged in as the invited address")
            .WithDescription("Creates the membership with the invitation's rank, scope and units, unless the caller is already a member.");
        return routes;
    }

    public static async Task<Results<Ok<AcceptedInvitationResponse>, ValidationProblem, ProblemHttpResult>> Accept(
        AcceptInvitationRequest request, HttpContext context, MembershipDbContext db, InvitedCaller invitee, IEventOutbox outbox, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > 100) return Problems.Validation("token", "The token from the invitation link.");
        var hash = Invitation.HashOf(request.Token.Trim());
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null) return InvalidLink();

        var userId = context.User.UserId();
        if (!await invitee.IsInviteeAsync(context, invitation.Email, cancellationToken))
            return Problems.Forbidden("this invitation is for another email address; log in as the invited address to accept it");

        var now = time.GetUtcNow();
        if (invitation.Accept(userId, now) is { } refusal) return Problems.Conflict(refusal);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == invitation.OrganizationId, cancellationToken);
        if (organization.State == OrganizationState.Archived) return Problems.Archived();

        var alreadyMember = await db.Members.AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == userId, cancellationToken);
        if (!alreadyMember)
        {
            var units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == invitation.OrganizationId && invitation.UnitIds.Contains(u.Id))
                .Select(u => u.Id).ToListAsync(cancellationToken);
            // A scope that no longer exists must not silently widen into the whole organization.
            if (invitation.ScopeUnitId is { } scope && !await db.Units.AnyAsync(u => u.Id == scope, cancellationToken))
                return Problems.Conflict("The unit this invitation was limited to no longer exists; ask for a new invitation.");

            var member = Member.Join(invitation.OrganizationId, userId, invitation.Rank, now, invitation.ScopeUnitId);
            member.PlaceIn(units);
            if (invitation.CustomFields.Count > 0) member.SetCustomFields(new Dictionary<string, string>(invitation.CustomFields));
            db.Members.Add(member);
            outbox.Add(new MembershipGranted(invitation.OrganizationId, userId, Ranks.Name(invitation.Rank), member.ScopeUnitId, invitation.InvitedBy, now));
            if (member.Units.Count > 0) outbox.Add(MemberEvents.UnitsChanged(member, now));
        }

        outbox.Add(new InvitationAccepted(invitation.OrganizationId, invitation.Id, userId, invitation.Email, Ranks.Name(invitation.Rank), alreadyMember, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Accepted twice at the same moment: the first one made the membership.
            return Problems.Conflict("The invitation was already accepted; it can be used once.");
        }

        return TypedResults.Ok(new AcceptedInvitationResponse(invitation.OrganizationId, invitation.Id, Ranks.Name(invitation.Rank), invitation.ScopeUnitId, alreadyMember));
    }

    private static ProblemHttpResult InvalidLink() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.InvalidLink, title: "Invitation not found.",
        detail: "This invitation link is not valid; it may have been replaced by a newer one.");
}

public sealed record AcceptInvitationRequest(string? Token);

public sealed record AcceptedInvitationResponse(Guid OrganizationId, Guid InvitationId, string Rank, Guid? ScopeUnitId, bool AlreadyMember);
