using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Membership.Application;
using Platform.Membership.Infrastructure;
using Platform.Membership.Model;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Pages;

namespace Platform.Membership.Apis;

/// <summary>
/// The page an invitation email links to (<c>/api/membership/invitations/accept?token=</c>): it says who
/// invited whom to what, and lets the person logged in as the invited address accept with one button.
/// Opening it changes nothing; anyone else learns only that they must log in as the invited address.
/// </summary>
public static class InvitationPagesApi
{
    private const int MaxTokenLength = 100;

    public static IEndpointRouteBuilder MapInvitationPagesApi(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("/invitations/accept").WithTags("Invitations").DisableAntiforgery().ExcludeFromDescription().WithLinkPageHeaders();
        pages.MapGet("", Show).AllowAnonymous().WithName("ShowInvitation");
        pages.MapPost("/confirm", Confirm).WithName("ConfirmInvitation");
        return routes;
    }

    public static async Task<ContentHttpResult> Show(
        [FromQuery] string? token, HttpContext context, MembershipDbContext db, InvitedCaller invitee, TimeProvider time, CancellationToken cancellationToken)
    {
        if (token is not { Length: > 0 and <= MaxTokenLength }) return Invalid();
        var hash = Invitation.HashOf(token.Trim());
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null) return Invalid();
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var state = invitation.StateAt(time.GetUtcNow());
        if (state != InvitationState.Pending)
            return LinkPages.Message("This invitation cannot be used", $"The invitation to {organization} is {Invitation.Name(state)}; ask for a new one.", 410);

        var what = $"You are invited to join <strong>{LinkPages.Encode(organization)}</strong> as {LinkPages.Encode(Ranks.Name(invitation.Rank))}.";
        if (context.User.Identity?.IsAuthenticated != true)
        {
            // From here the address is relative to /api/membership/invitations/accept: ../../identity is identity's.
            return LinkPages.Page("Log in to accept", $"""
                <p>{what}</p>
                <p>Log in as the invited address, then open this link again.</p>
                <p>No password yet? <a href="../../identity/invitation?token={LinkPages.Encode(Uri.EscapeDataString(token.Trim()))}">Set one and join</a>.</p>
                """, 200);
        }

        if (!await invitee.IsInviteeAsync(context, invitation.Email, cancellationToken))
            return LinkPages.Message("This invitation is for someone else", "Log out, log in as the invited address and open this link again.", 403);

        return LinkPages.Page("Accept the invitation", $"""
            <p>{what}</p>
            <form method="post" action="accept/confirm">
            <input type="hidden" name="token" value="{LinkPages.Encode(token.Trim())}">
            <p><button type="submit">Accept and join</button></p>
            </form>
            """, 200);
    }

    public static async Task<ContentHttpResult> Confirm(
        [FromForm] string? token, HttpContext context, MembershipDbContext db, InvitedCaller invitee, IEventOutbox outbox, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var result = await InvitationAcceptanceApi.Accept(new AcceptInvitationRequest(token), context, db, invitee, outbox, time, cancellationToken);
        switch (result.Result)
        {
            case Ok<AcceptedInvitationResponse> { Value: { } accepted }:
                var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == accepted.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
                return LinkPages.Message(accepted.AlreadyMember ? "You were already a member" : "Welcome",
                    accepted.AlreadyMember ? $"You already belong to {organization}." : $"You are now a member of {organization}.");
            case ProblemHttpResult problem:
                return LinkPages.Message(problem.ProblemDetails.Title ?? "The invitation was not accepted", problem.ProblemDetails.Detail ?? "", problem.StatusCode);
            default:
                return Invalid();
        }
    }

    private static ContentHttpResult Invalid() =>
        LinkPages.Message("This invitation link is not valid", "Open the whole link from the newest invitation email, or ask for a new invitation.", 404);
}
