using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Apis;

public static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder routes)
    {
        var deliveries = routes.MapGroup("/deliveries")
            .WithTags("Deliveries")
            .RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy);
        deliveries.MapGet("/", List).WithName("ListDeliveries")
            .WithSummary("Email deliveries, newest first; filter by recipient, template, state (comma-separated) and creation time (platform administrators)");
        deliveries.MapGet("/counts", Counts).WithName("CountDeliveries")
            .WithSummary("How many deliveries are in each state; same filters as the list, without state (platform administrators)");
        deliveries.MapGet("/{id:guid}", Get).WithName("GetDelivery").WithSummary("One email delivery (platform administrators)");
        deliveries.MapPost("/{id:guid}/resend", Resend).WithName("ResendDelivery")
            .WithSummary("Queues a sent, dead or throttled email again; one whose link expired cannot be (platform administrators)");
        return routes;
    }

    public static async Task<Results<Ok<DeliveryPage>, ValidationProblem>> List(
        [AsParameters] DeliveryQuery query, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!query.TryParse(errors, out var filter))
        {
            return Problems.Validation(errors);
        }

        var matching = filter.Apply(db.Deliveries.AsNoTracking());
        var total = await matching.CountAsync(cancellationToken);
        var items = await matching.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new DeliveryPage(items.Select(DeliverySummary.Of).ToList(), filter.Page, filter.PageSize, total));
    }

    public static async Task<Results<Ok<DeliveryCounts>, ValidationProblem>> Counts(
        [AsParameters] DeliveryQuery query, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!query.TryParse(errors, out var filter))
        {
            return Problems.Validation(errors);
        }

        var counts = await filter.Apply(db.Deliveries.AsNoTracking(), withStates: false)
            .GroupBy(d => d.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        int Of(DeliveryState state) => counts.GetValueOrDefault(state);
        return TypedResults.Ok(new DeliveryCounts(
            Of(DeliveryState.Queued), Of(DeliveryState.Retrying), Of(DeliveryState.Sent), Of(DeliveryState.Dead), Of(DeliveryState.Throttled),
            counts.Values.Sum()));
    }

    public static async Task<Results<Ok<DeliveryDetail>, ProblemHttpResult>> Get(Guid id, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return delivery is null ? UnknownDelivery() : TypedResults.Ok(DeliveryDetail.Of(delivery));
    }

    public static async Task<Results<Accepted<DeliveryDetail>, ProblemHttpResult>> Resend(
        Guid id, NotificationsDbContext db, DeliverySignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return UnknownDelivery();
        }

        switch (delivery.Resend(time.GetUtcNow()))
        {
            case ResendOutcome.AlreadyQueued:
                return Problems.Conflict("The email is already waiting to be sent.",
                    $"This delivery is {DeliveryFilter.Name(delivery.State)}; the workers send it at {delivery.NextAttemptAt:u}.");
            case ResendOutcome.RecipientDeleted:
                return Problems.Conflict("The recipient's account was deleted.",
                    "The log keeps no address and no copy of emails to a deleted account, so this one cannot be sent again.");
            case ResendOutcome.LinkExpired:
                return Problems.Conflict("The link in this email has expired.",
                    "The stored copy no longer holds its link's one-time token, which has expired by now anyway. "
                    + "The user must ask for a new email (for example a new verification or password reset), which sends a fresh link.");
        }

        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/deliveries/{delivery.Id}", DeliveryDetail.Of(delivery));
    }

    private static ProblemHttpResult UnknownDelivery() =>
        Problems.NotFound("delivery", "No email delivery has this id.");
}

public sealed record DeliverySummary(
    Guid Id, string Template, string Category, string Recipient, string Subject, string State, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? SentAt)
{
    public static DeliverySummary Of(EmailDelivery d) => new(
        d.Id, d.Template, d.Category.Name(), d.Recipient, d.Subject, DeliveryFilter.Name(d.State), d.Attempts, d.LastError, d.CreatedAt, d.SentAt);
}

public sealed record DeliveryPage(IReadOnlyList<DeliverySummary> Items, int Page, int PageSize, int Total);

public sealed record DeliveryCounts(int Queued, int Retrying, int Sent, int Dead, int Throttled, int Total);

/// <summary><see cref="LinkExpired"/>: the stored copy lost its link's secret, so it cannot be resent.</summary>
public sealed record DeliveryDetail(
    Guid Id, Guid SourceEventId, string Template, string Category, string Recipient, string Subject, string State, int Attempts,
    string? LastError, string? SmtpMessageId, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt,
    int Resends, DateTimeOffset? LastResentAt, bool LinkExpired, IReadOnlyDictionary<string, string> Headers, string HtmlBody, string TextBody)
{
    public static DeliveryDetail Of(EmailDelivery d) => new(
        d.Id, d.SourceEventId, d.Template, d.Category.Name(), d.Recipient, d.Subject, DeliveryFilter.Name(d.State), d.Attempts,
        d.LastError, d.SmtpMessageId, d.CreatedAt, d.NextAttemptAt, d.SentAt, d.Resends, d.LastResentAt, d.SecretsMasked, d.Headers,
        // A delivery still waiting to be sent holds its link's token; an administrator never sees it.
        LinkSecrets.Hide(d.HtmlBody), LinkSecrets.Hide(d.TextBody));
}
