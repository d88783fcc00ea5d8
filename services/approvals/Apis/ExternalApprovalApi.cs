using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Application;
using Platform.Approvals.Infrastructure;
using Platform.Approvals.Model.External;
using Platform.Approvals.Model.Requests;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Pages;

namespace Platform.Approvals.Apis;

/// <summary>
/// The pages an external approver reaches from the emailed one-time link; anonymous, because the
/// link's secret is the credential. The first view uses the link up and puts a nonce bound to that
/// view in the form; the POST decides once with it. Unknown, tampered, expired, replaced and used
/// links all get a page that says so and changes nothing.
/// </summary>
public static class ExternalApprovalApi
{
    private const int MaxTokenLength = 100;

    public static IEndpointRouteBuilder MapExternalApprovalApi(this IEndpointRouteBuilder routes)
    {
        var pages = routes.MapGroup("/external").WithTags("External approvers").AllowAnonymous().DisableAntiforgery().ExcludeFromDescription()
            .WithLinkPageHeaders();
        pages.MapGet("/{token}", Show).WithName("ShowExternalApproval");
        pages.MapPost("/{token}", Decide).WithName("DecideExternalApproval");
        return routes;
    }

    public static async Task<ContentHttpResult> Show(string token, ApprovalsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await LinkAsync(db, token, cancellationToken) is not { } link) return ExternalPages.Invalid();
        var request = await db.Requests.SingleAsync(r => r.Id == link.RequestId, cancellationToken);
        if (!IsAsked(request, link)) return ExternalPages.Message("Nothing to decide", "This request no longer waits for your decision.", 410);

        var (nonce, refusal) = link.Open(now);
        if (refusal is not null) return ExternalPages.Message("This link cannot be used", refusal, 410);
        request.RecordExternalView(link.Email, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ExternalPages.Message("This link cannot be used", "This link has been used already; it shows the request only once.", 410);
        }

        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == request.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        return ExternalPages.DecisionForm(request, organization ?? "", nonce!, link.NonceExpiresAt!.Value);
    }

    public static async Task<ContentHttpResult> Decide(
        string token, [FromForm] string? nonce, [FromForm] string? decision, [FromForm] string? comment, HttpContext context,
        ApprovalsDbContext db, RequestEventPublisher events, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await LinkAsync(db, token, cancellationToken) is not { } link) return ExternalPages.Invalid();
        if (decision is not ("approve" or "reject") || comment is { Length: > DecisionsApi.MaxCommentLength })
            return ExternalPages.Message("The decision was not sent", $"Choose approve or reject; a comment has up to {DecisionsApi.MaxCommentLength} characters.", 400);
        var request = await db.Requests.SingleAsync(r => r.Id == link.RequestId, cancellationToken);
        if (!IsAsked(request, link)) return ExternalPages.Message("Nothing to decide", "This request no longer waits for your decision.", 410);
        if (link.Redeem(nonce, now) is { } refusal) return ExternalPages.Message("The decision was not accepted", refusal, 400);

        var before = RequestBefore.Of(request);
        var directory = await DirectorySnapshot.LoadAsync(db, request.OrganizationId, cancellationToken);
        var origin = new DecisionOrigin(context.ClientAddress(), DecisionsApi.UserAgent(context));
        if (request.Decide(ApproverRef.External(link.Email), decision == "approve", comment, now, directory, origin) is { } problem)
            return ExternalPages.Message("The decision was not accepted", problem, 409);
        await events.PublishAsync(request, before, null, null, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ExternalPages.Message("The decision was not accepted", "A decision was made with this link already.", 409);
        }

        return ExternalPages.Message("Thank you", decision == "approve" ? "You approved the request. The requester is told." : "You rejected the request. The requester is told.");
    }

    private static async Task<ExternalApprovalLink?> LinkAsync(ApprovalsDbContext db, string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > MaxTokenLength) return null;
        var hash = ExternalApprovalLink.Hash(token);
        return await db.ExternalLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
    }

    private static bool IsAsked(ApprovalRequest request, ExternalApprovalLink link) =>
        request.State == RequestState.Pending && request.PendingAssignments.Any(a => a.Step == request.CurrentStep && a.Is(Model.Requests.ApproverRef.External(link.Email)));
}

/// <summary>Server-rendered HTML for the external approver; every value from a request is HTML-encoded.</summary>
internal static class ExternalPages
{
    public static ContentHttpResult Invalid() =>
        Message("This link is not valid", "Check that you opened the whole link from the email, or ask the requester for a new one.", 404);

    public static ContentHttpResult DecisionForm(ApprovalRequest request, string organization, string nonce, DateTimeOffset validUntil)
    {
        var amount = request.Amount is { } value ? $"<p><strong>Amount:</strong> {E(value.ToString("N2", CultureInfo.InvariantCulture))} {E(request.Currency)}</p>" : "";
        var summary = request.Summary is null ? "" : $"<p>{E(request.Summary)}</p>";
        var subject = request.SubjectUrl is null ? "" : $"<p><strong>Reference:</strong> {E(request.SubjectId)} <a href=\"{E(request.SubjectUrl)}\" rel=\"noreferrer noopener\">{E(request.SubjectUrl)}</a></p>";
        var details = request.Details is null ? "" : $"<details><summary>Details</summary><pre>{E(request.Details)}</pre></details>";
        return Page("Your approval is requested", $"""
            <p>{E(organization)} asks you to decide on this request. This page is shown once: keep it open until you decide.</p>
            <h2>{E(request.Title)}</h2>
            {summary}{amount}{subject}{details}
            <form method="post" action="">
            <input type="hidden" name="nonce" value="{E(nonce)}">
            <p><label>Comment (optional)<br><textarea name="comment" maxlength="{DecisionsApi.MaxCommentLength}" rows="4" cols="40"></textarea></label></p>
            <p><button type="submit" name="decision" value="approve">Approve</button>
            <button type="submit" name="decision" value="reject">Reject</button></p>
            <p><small>This form is valid until {E(validUntil.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}.</small></p>
            </form>
            """, 200);
    }

    public static ContentHttpResult Message(string title, string text, int status = 200) => LinkPages.Message(title, text, status);

    private static string E(string? value) => LinkPages.Encode(value);

    private static ContentHttpResult Page(string title, string body, int status) => LinkPages.Page(title, body, status);
}
