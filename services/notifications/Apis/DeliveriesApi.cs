using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Authentication;

namespace Platform.Notifications.Apis;

public static class DeliveriesApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder routes)
    {
        var deliveries = routes.MapGroup("/deliveries")
            .WithTags("Deliveries")
            .RequireAuthorization(InternalTokenValidation.PlatformAdminPolicy);
        deliveries.MapGet("/", List).WithName("ListDeliveries").WithSummary("Email deliveries, newest first (platform administrators)");
        deliveries.MapGet("/{id:guid}", Get).WithName("GetDelivery").WithSummary("One email delivery (platform administrators)");
        return routes;
    }

    public static async Task<Results<Ok<DeliveryPage>, ValidationProblem>> List(
        NotificationsDbContext db, string? recipient, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 20;
        var number = page ?? 1;
        if (size is < 1 or > MaxPageSize || number < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pageSize"] = [$"page must be at least 1 and pageSize between 1 and {MaxPageSize}."],
            });
        }

        var query = db.Deliveries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(recipient))
        {
            var normalized = recipient.Trim().ToLowerInvariant();
            query = query.Where(d => d.Recipient == normalized);
        }

        var items = await query.OrderByDescending(d => d.CreatedAt)
            .Skip((number - 1) * size).Take(size)
            .Select(d => new DeliverySummary(d.Id, d.Template, d.Recipient, d.Subject, d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.SentAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new DeliveryPage(items, number, size));
    }

    public static async Task<Results<Ok<DeliveryDetail>, NotFound>> Get(Guid id, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var delivery = await db.Deliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return delivery is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new DeliveryDetail(
                delivery.Id, delivery.SourceEventId, delivery.Template, delivery.Recipient, delivery.Subject,
                delivery.State.ToString().ToLowerInvariant(), delivery.Attempts, delivery.LastError, delivery.SmtpMessageId,
                delivery.CreatedAt, delivery.NextAttemptAt, delivery.SentAt,
                // A delivery still waiting to be sent holds its link's token; an administrator never sees it.
                LinkSecrets.Hide(delivery.HtmlBody), LinkSecrets.Hide(delivery.TextBody)));
    }
}

public sealed record DeliverySummary(Guid Id, string Template, string Recipient, string Subject, string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

public sealed record DeliveryPage(IReadOnlyList<DeliverySummary> Items, int Page, int PageSize);

public sealed record DeliveryDetail(
    Guid Id, Guid SourceEventId, string Template, string Recipient, string Subject, string State, int Attempts,
    string? LastError, string? SmtpMessageId, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt,
    string HtmlBody, string TextBody);
