using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Platform.Identity.Application;
using Platform.Identity.Model;
using Platform.ServiceDefaults.Email;

namespace Platform.Identity.Apis;

/// <summary>
/// The user list's filters as they arrive in the query string. Everything binds as text and is
/// checked here, so a malformed value is a validation problem naming its field, not a bare 400.
/// </summary>
public sealed record UserFilterQuery(
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "state")] string? State,
    [FromQuery(Name = "lastLoginBefore")] string? LastLoginBefore,
    [FromQuery(Name = "lastLoginAfter")] string? LastLoginAfter,
    [FromQuery(Name = "createdFrom")] string? CreatedFrom,
    [FromQuery(Name = "createdTo")] string? CreatedTo,
    [FromQuery(Name = "sort")] string? Sort,
    [FromQuery(Name = "desc")] string? Desc)
{
    public const int MaxQueryLength = EmailAddress.MaxLength;

    public bool TryParse(Dictionary<string, string[]> errors, out UserFilter filter)
    {
        if (Q is { Length: > MaxQueryLength }) errors["q"] = [$"The search text must have at most {MaxQueryLength} characters."];
        var states = AdminQueries.States(State, errors);
        var lastLoginBefore = AdminQueries.Time("lastLoginBefore", LastLoginBefore, errors);
        var lastLoginAfter = AdminQueries.Time("lastLoginAfter", LastLoginAfter, errors);
        var createdFrom = AdminQueries.Time("createdFrom", CreatedFrom, errors);
        var createdTo = AdminQueries.Time("createdTo", CreatedTo, errors);
        if (createdFrom > createdTo) errors["createdTo"] = ["createdTo must not be before createdFrom."];

        var sort = UserSort.Email;
        if (!string.IsNullOrEmpty(Sort) && !AdminQueries.TryParseName(Sort, out sort))
            errors["sort"] = ["Sort by one of: email, createdAt, lastLoginAt, lastName."];
        var descending = false;
        if (!string.IsNullOrEmpty(Desc) && !bool.TryParse(Desc, out descending)) errors["desc"] = ["desc is true or false."];

        filter = new UserFilter(Q, states, lastLoginBefore, lastLoginAfter, createdFrom, createdTo, sort, descending);
        return errors.Count == 0;
    }
}

/// <summary>Page numbers start at 1; the page size is capped so no request reads a whole table.</summary>
public sealed record Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    public static Paging Parse(string? page, string? pageSize, Dictionary<string, string[]> errors)
    {
        var number = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1 || number > 100_000))
            errors["page"] = ["page is a number from 1 to 100000."];
        var size = DefaultPageSize;
        if (!string.IsNullOrEmpty(pageSize) && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
            errors["pageSize"] = [$"pageSize is a number from 1 to {MaxPageSize}."];
        return new Paging(Math.Max(number, 1), Math.Clamp(size, 1, MaxPageSize));
    }
}

public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

internal static class AdminQueries
{
    /// <summary>A comma-separated list of state names; null (the default states) when none is given.</summary>
    public static IReadOnlyCollection<UserState>? States(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var states = new HashSet<UserState>();
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParseName(name, out UserState state)) states.Add(state);
            else errors["state"] = [$"Unknown state '{Shorten(name)}'; states are: {string.Join(", ", Enum.GetValues<UserState>().Select(User.Name))}."];
        }

        return states;
    }

    /// <summary>An ISO 8601 time; without an offset it is UTC.</summary>
    public static DateTimeOffset? Time(string field, string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.ToUniversalTime();
        errors[field] = [$"{field} must be an ISO 8601 date or time, such as 2026-01-31 or 2026-01-31T12:00:00Z."];
        return null;
    }

    /// <summary>An enum member by its name in any case; numbers, which Enum.TryParse would also take, are refused.</summary>
    public static bool TryParseName<TEnum>(string value, out TEnum parsed) where TEnum : struct, Enum
    {
        parsed = default;
        return Enum.GetNames<TEnum>().Any(n => n.Equals(value, StringComparison.OrdinalIgnoreCase))
            && Enum.TryParse(value, ignoreCase: true, out parsed);
    }

    private static string Shorten(string value) => value.Length > 30 ? value[..30] + "…" : value;
}
