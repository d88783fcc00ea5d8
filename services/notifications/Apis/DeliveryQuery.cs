using System.Globalization;
using Platform.Notifications.Model;

namespace Platform.Notifications.Apis;

/// <summary>
/// The delivery log's filters as they arrive in the query string. Everything binds as text and is
/// checked here, so a malformed value is a validation problem naming its field, not a bare 400.
/// </summary>
public sealed record DeliveryQuery(string? Recipient, string? Template, string? State, string? From, string? To, string? Page, string? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public bool TryParse(Dictionary<string, string[]> errors, out DeliveryFilter filter)
    {
        var states = new List<DeliveryState>();
        foreach (var name in (State ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Enum.TryParse<DeliveryState>(name, ignoreCase: true, out var state) && !int.TryParse(name, out _)) states.Add(state);
            else errors["state"] = [$"Unknown state; states are: {string.Join(", ", Enum.GetValues<DeliveryState>().Select(DeliveryFilter.Name))}."];
        }

        var from = Time("from", From, errors);
        var to = Time("to", To, errors);
        if (from > to) errors["to"] = ["to must not be before from."];
        var page = Number("page", Page, 1, 1, 100_000, errors);
        var size = Number("pageSize", PageSize, DefaultPageSize, 1, MaxPageSize, errors);

        filter = new DeliveryFilter(
            string.IsNullOrWhiteSpace(Recipient) ? null : EmailDelivery.NormalizeAddress(Recipient),
            string.IsNullOrWhiteSpace(Template) ? null : Template.Trim(),
            states, from, to, page, size);
        return errors.Count == 0;
    }

    private static DateTimeOffset? Time(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.ToUniversalTime();
        errors[field] = [$"{field} must be an ISO 8601 date or time, such as 2026-01-31 or 2026-01-31T12:00:00Z."];
        return null;
    }

    private static int Number(string field, string? value, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return fallback;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        errors[field] = [$"{field} is a number from {min} to {max}."];
        return fallback;
    }
}

/// <summary><see cref="From"/> inclusive, <see cref="To"/> exclusive, on the time the delivery was created.</summary>
public sealed record DeliveryFilter(
    string? Recipient, string? Template, IReadOnlyCollection<DeliveryState> States, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize)
{
    public static string Name(DeliveryState state) => state.ToString().ToLowerInvariant();

    public IQueryable<EmailDelivery> Apply(IQueryable<EmailDelivery> deliveries, bool withStates = true)
    {
        if (Recipient is not null) deliveries = deliveries.Where(d => d.Recipient == Recipient);
        if (Template is not null) deliveries = deliveries.Where(d => d.Template == Template);
        if (withStates && States.Count > 0) deliveries = deliveries.Where(d => States.Contains(d.State));
        if (From is { } from) deliveries = deliveries.Where(d => d.CreatedAt >= from);
        if (To is { } to) deliveries = deliveries.Where(d => d.CreatedAt < to);
        return deliveries;
    }
}
