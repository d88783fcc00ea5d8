using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Organizations;
using Platform.Notifications.Delivery;
using Platform.Notifications.Infrastructure;
using Platform.Notifications.IntegrationEvents;
using Platform.Notifications.Model;
using Platform.ServiceDefaults.Authentication;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Apis;

/// <summary>
/// An organization's webhook endpoints: the URLs of its client apps that receive its events, signed in
/// the Standard Webhooks style. Every record is looked up under the organization in the route, so one
/// organization's id never reaches another's endpoint.
/// </summary>
/// <remarks>
/// The organization's owner and admins manage them, and platform administrators
/// (<see cref="OrganizationAdministratorFilter"/>); to anyone else the organization's endpoints do not exist.
/// </remarks>
public static class WebhooksApi
{
    public const int MaxEndpointsPerOrganization = 20;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/organizations/{organizationId:guid}/webhooks")
            .WithTags("Webhooks")
            .RequireAuthorization()
            .RequireOrganizationAdministrator()
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/", Register).WithName("RegisterWebhook")
            .WithSummary("Registers an endpoint; the answer carries its signing secret, the only time it is shown (organization owners and admins)");
        webhooks.MapGet("/", List).WithName("ListWebhooks").WithSummary("The organization's endpoints, without secrets (organization owners and admins)");
        webhooks.MapGet("/{id:guid}", Get).WithName("GetWebhook").WithSummary("One endpoint, without its secret (organization owners and admins)");
        webhooks.MapPut("/{id:guid}", Replace).WithName("ReplaceWebhook")
            .WithSummary("Replaces an endpoint's URL, event types and description (organization owners and admins)")
            .WithDescription("PUT replaces: url and eventTypes are required (a missing one is a 400 naming it), a missing description is empty. To change some fields, PATCH.");
        webhooks.MapPatch("/{id:guid}", Patch).WithName("PatchWebhook").Accepts<WebhookSettings>(JsonMergePatch.MediaType)
            .WithSummary("Changes some of an endpoint's settings with a JSON merge patch (organization owners and admins)")
            .WithDescription("RFC 7396: a field present sets, absent keeps, null removes: the description becomes empty; url and eventTypes are required, so null on them is a 400.");
        webhooks.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook").WithSummary("Removes an endpoint and its delivery log (organization owners and admins)");
        webhooks.MapPost("/{id:guid}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret, shown once; the old one keeps signing alongside for a while (organization owners and admins)");
        webhooks.MapPost("/{id:guid}/enable", Enable).WithName("EnableWebhook")
            .WithSummary("Enables a disabled endpoint again, with its failure count reset (organization owners and admins)");
        webhooks.MapPost("/{id:guid}/test", Test).WithName("TestWebhook")
            .WithSummary($"Sends a signed {WebhookPayloads.TestEventType} event to an active endpoint; its delivery log shows the outcome (organization owners and admins)");
        webhooks.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The endpoint's deliveries, newest first, each with its attempts (organization owners and admins)");
        return routes;
    }

    public static async Task<Results<Created<WebhookEndpointWithSecret>, ValidationProblem>> Register(
        Guid organizationId, WebhookRegistration registration, NotificationsDbContext db, WebhookTargets targets, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(registration.Url, registration.EventTypes, registration.Description, targets, cancellationToken);
        if (errors.Count == 0 && await db.WebhookEndpoints.CountAsync(e => e.OrganizationId == organizationId, cancellationToken) >= MaxEndpointsPerOrganization)
        {
            errors["url"] = [$"An organization has at most {MaxEndpointsPerOrganization} webhook endpoints; delete one first."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var endpoint = WebhookEndpoint.Register(organizationId, registration.Url!, registration.EventTypes!, registration.Description, time.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/organizations/{organizationId}/webhooks/{endpoint.Id}", WebhookEndpointWithSecret.Of(endpoint));
    }

    public static async Task<Ok<IReadOnlyList<WebhookEndpointResponse>>> List(
        Guid organizationId, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.OrganizationId == organizationId)
            .OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WebhookEndpointResponse>>(endpoints.Select(WebhookEndpointResponse.Of).ToList());
    }

    public static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> Get(
        Guid organizationId, Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await Find(db.WebhookEndpoints.AsNoTracking(), organizationId, id, cancellationToken) is { } endpoint
            ? TypedResults.Ok(WebhookEndpointResponse.Of(endpoint))
            : UnknownEndpoint();

    public static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult, ValidationProblem>> Replace(
        Guid organizationId, Guid id, WebhookSettings settings, NotificationsDbContext db, WebhookTargets targets, CancellationToken cancellationToken) =>
        await Find(db.WebhookEndpoints, organizationId, id, cancellationToken) is { } endpoint
            ? await SetAsync(endpoint, settings, db, targets, cancellationToken)
            : UnknownEndpoint();

    public static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult, ValidationProblem>> Patch(
        Guid organizationId, Guid id, HttpContext context, NotificationsDbContext db, WebhookTargets targets, CancellationToken cancellationToken)
    {
        if (await Find(db.WebhookEndpoints, organizationId, id, cancellationToken) is not { } endpoint)
        {
            return UnknownEndpoint();
        }

        var (merged, problem) = await JsonMergePatch.MergeAsync(context.Request, WebhookSettings.Of(endpoint), cancellationToken);
        return merged is null ? problem! : await SetAsync(endpoint, merged, db, targets, cancellationToken);
    }

    /// <summary>PUT and PATCH alike: the complete settings, checked like a registration; a refusal changes nothing.</summary>
    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult, ValidationProblem>> SetAsync(
        WebhookEndpoint endpoint, WebhookSettings settings, NotificationsDbContext db, WebhookTargets targets, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(settings.Url, settings.EventTypes, settings.Description, targets, cancellationToken);
        foreach (var field in settings.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            errors[field] = ["There is no such field; an endpoint's settings are url, eventTypes and description."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        endpoint.Replace(settings.Url!, settings.EventTypes!, settings.Description);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookEndpointResponse.Of(endpoint));
    }

    public static async Task<Results<Accepted<WebhookTestResponse>, ProblemHttpResult>> Test(
        Guid organizationId, Guid id, NotificationsDbContext db, WebhookSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await Find(db.WebhookEndpoints.AsNoTracking(), organizationId, id, cancellationToken) is not { } endpoint)
        {
            return UnknownEndpoint();
        }

        if (endpoint.State != WebhookEndpointState.Active)
        {
            return Problems.Conflict("The endpoint is disabled.", "Nothing is sent to a disabled endpoint; enable it first, then test it.");
        }

        var now = time.GetUtcNow();
        var payload = WebhookPayloads.Serialize(WebhookPayloads.TestEventType, now, new { endpointId = endpoint.Id, organizationId });
        var delivery = WebhookDelivery.Queue(endpoint.Id, Guid.CreateVersion7(now), WebhookPayloads.TestEventType, payload, now);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/organizations/{organizationId}/webhooks/{id}/deliveries", new WebhookTestResponse(delivery.Id));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid organizationId, Guid id, NotificationsDbContext db, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.Where(e => e.OrganizationId == organizationId && e.Id == id).ExecuteDeleteAsync(cancellationToken) > 0
            ? TypedResults.NoContent()
            : UnknownEndpoint();

    public static async Task<Results<Ok<WebhookEndpointWithSecret>, ProblemHttpResult>> RotateSecret(
        Guid organizationId, Guid id, NotificationsDbContext db, IOptions<WebhookOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await Find(db.WebhookEndpoints, organizationId, id, cancellationToken) is not { } endpoint)
        {
            return UnknownEndpoint();
        }

        endpoint.RotateSecret(time.GetUtcNow(), options.Value.SecretRotationOverlap);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookEndpointWithSecret.Of(endpoint));
    }

    public static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> Enable(
        Guid organizationId, Guid id, NotificationsDbContext db, WebhookSignal signal, CancellationToken cancellationToken)
    {
        if (await Find(db.WebhookEndpoints, organizationId, id, cancellationToken) is not { } endpoint)
        {
            return UnknownEndpoint();
        }

        endpoint.Enable();
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Ok(WebhookEndpointResponse.Of(endpoint));
    }

    public static async Task<Results<Ok<WebhookDeliveryPage>, ProblemHttpResult, ValidationProblem>> Deliveries(
        Guid organizationId, Guid id, int? page, int? pageSize, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var number = page ?? 1;
        var size = pageSize ?? DeliveryQuery.DefaultPageSize;
        if (number < 1 || size is < 1 or > DeliveryQuery.MaxPageSize)
        {
            return Problems.Validation("pageSize", $"page is at least 1 and pageSize from 1 to {DeliveryQuery.MaxPageSize}.");
        }

        if (!await db.WebhookEndpoints.AnyAsync(e => e.OrganizationId == organizationId && e.Id == id, cancellationToken))
        {
            return UnknownEndpoint();
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id);
        var total = await deliveries.CountAsync(cancellationToken);
        var items = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        var ids = items.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Id)
            .ToListAsync(cancellationToken)).ToLookup(a => a.DeliveryId);
        return TypedResults.Ok(new WebhookDeliveryPage(
            items.Select(d => WebhookDeliveryResponse.Of(d, attempts[d.Id])).ToList(), number, size, total));
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(
        string? url, IReadOnlyList<string>? eventTypes, string? description, WebhookTargets targets, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await targets.ProblemWithAsync(url, cancellationToken) is { } urlProblem)
        {
            errors["url"] = [urlProblem];
        }

        var known = WebhookEventTypes.ByContract.Values.Order(StringComparer.Ordinal).ToList();
        var unknown = (eventTypes ?? []).Where(type => !known.Contains(type)).ToList();
        if (eventTypes is not { Count: > 0 } || unknown.Count > 0)
        {
            errors["eventTypes"] = [$"{(unknown.Count > 0 ? $"Unknown event type {unknown[0]}. " : "Name at least one event type. ")}Event types are: {string.Join(", ", known)}."];
        }

        if (description is { Length: > WebhookEndpoint.MaxDescriptionLength })
        {
            errors["description"] = [$"The description must have at most {WebhookEndpoint.MaxDescriptionLength} characters."];
        }

        return errors;
    }

    private static Task<WebhookEndpoint?> Find(IQueryable<WebhookEndpoint> endpoints, Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        endpoints.SingleOrDefaultAsync(e => e.OrganizationId == organizationId && e.Id == id, cancellationToken);

    private static ProblemHttpResult UnknownEndpoint() =>
        Problems.NotFound("webhook endpoint", "This organization has no webhook endpoint with this id.");
}

public sealed record WebhookRegistration(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

/// <summary>
/// An endpoint's settings, all of them: PUT replaces them (url and eventTypes required, no description
/// means none); PATCH is a JSON merge patch of this shape. An unknown field is refused, so a typo does
/// not look like success.
/// </summary>
public sealed record WebhookSettings([property: Required] string? Url, [property: Required] IReadOnlyList<string>? EventTypes, string? Description = null)
{
    public static WebhookSettings Of(WebhookEndpoint e) => new(e.Url, e.EventTypes, e.Description);

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

public sealed record WebhookTestResponse(Guid DeliveryId);

public sealed record WebhookEndpointResponse(
    Guid Id, Guid OrganizationId, string Url, IReadOnlyList<string> EventTypes, string Description, string State,
    int ConsecutiveFailures, DateTimeOffset CreatedAt, DateTimeOffset? LastSuccessAt, DateTimeOffset? DisabledAt, string? DisabledReason)
{
    public static WebhookEndpointResponse Of(WebhookEndpoint e) => new(
        e.Id, e.OrganizationId, e.Url, e.EventTypes, e.Description, e.State.ToString().ToLowerInvariant(),
        e.ConsecutiveFailures, e.CreatedAt, e.LastSuccessAt, e.DisabledAt, e.DisabledReason);
}

/// <summary>The only answers that carry <see cref="Secret"/>: registration and rotation.</summary>
public sealed record WebhookEndpointWithSecret(
    Guid Id, Guid OrganizationId, string Url, IReadOnlyList<string> EventTypes, string Description, string State, DateTimeOffset CreatedAt, string Secret)
{
    public static WebhookEndpointWithSecret Of(WebhookEndpoint e) => new(
        e.Id, e.OrganizationId, e.Url, e.EventTypes, e.Description, e.State.ToString().ToLowerInvariant(), e.CreatedAt, e.Secret);
}

public sealed record WebhookAttemptResponse(DateTimeOffset AttemptedAt, int? StatusCode, string? Error, int DurationMs);

public sealed record WebhookDeliveryResponse(
    Guid Id, Guid SourceEventId, string EventType, string State, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, IReadOnlyList<WebhookAttemptResponse> AttemptLog)
{
    public static WebhookDeliveryResponse Of(WebhookDelivery d, IEnumerable<WebhookAttempt> attempts) => new(
        d.Id, d.SourceEventId, d.EventType, d.State.ToString().ToLowerInvariant(), d.Attempts, d.LastStatusCode, d.LastError,
        d.CreatedAt, d.NextAttemptAt, d.DeliveredAt,
        attempts.Select(a => new WebhookAttemptResponse(a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs)).ToList());
}

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResponse> Items, int Page, int PageSize, int Total);
