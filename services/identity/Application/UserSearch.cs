using Microsoft.EntityFrameworkCore;
using Platform.Identity.Model;

namespace Platform.Identity.Application;

public enum UserSort { Email, CreatedAt, LastLoginAt, LastName }

/// <summary>
/// What administrators filter the user list (and its CSV export) by. No states given means every
/// state but archived and deleted: those leave the default lists and come back only when asked for.
/// </summary>
public sealed record UserFilter(
    string? Query = null,
    IReadOnlyCollection<UserState>? States = null,
    DateTimeOffset? LastLoginBefore = null,
    DateTimeOffset? LastLoginAfter = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    UserSort Sort = UserSort.Email,
    bool Descending = false)
{
    public static readonly IReadOnlyCollection<UserState> DefaultStates =
        Enum.GetValues<UserState>().Where(s => s is not (UserState.Archived or UserState.Deleted)).ToArray();
}

public static class UserSearch
{
    public static IQueryable<User> Apply(this IQueryable<User> users, UserFilter filter)
    {
        var states = filter.States is { Count: > 0 } chosen ? chosen.ToArray() : UserFilter.DefaultStates.ToArray();
        users = users.Where(u => states.Contains(u.State));

        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            // A prefix of the email (stored lowercased) or of a name, case-insensitive; the caller's
            // % and _ are literal characters, not wildcards.
            var prefix = EscapeLike(filter.Query.Trim().ToLowerInvariant()) + "%";
            users = users.Where(u => EF.Functions.Like(u.Email, prefix)
                || EF.Functions.ILike(u.FirstName, prefix)
                || EF.Functions.ILike(u.LastName, prefix)
                || EF.Functions.ILike(u.FirstName + " " + u.LastName, prefix));
        }

        // "Last login before" finds stale accounts, so it includes those that never logged in.
        if (filter.LastLoginBefore is { } before) users = users.Where(u => u.LastLoginAt == null || u.LastLoginAt < before);
        if (filter.LastLoginAfter is { } after) users = users.Where(u => u.LastLoginAt != null && u.LastLoginAt >= after);
        if (filter.CreatedFrom is { } from) users = users.Where(u => u.CreatedAt >= from);
        if (filter.CreatedTo is { } to) users = users.Where(u => u.CreatedAt < to);
        return users;
    }

    /// <summary>Sorted, with the id as tie-breaker so pages never overlap; accounts that never logged in sort last.</summary>
    public static IOrderedQueryable<User> Sort(this IQueryable<User> users, UserSort sort, bool descending) => sort switch
    {
        UserSort.CreatedAt => descending ? users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id) : users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
        UserSort.LastLoginAt => descending
            ? users.OrderBy(u => u.LastLoginAt == null).ThenByDescending(u => u.LastLoginAt).ThenByDescending(u => u.Id)
            : users.OrderBy(u => u.LastLoginAt == null).ThenBy(u => u.LastLoginAt).ThenBy(u => u.Id),
        UserSort.LastName => descending
            ? users.OrderByDescending(u => u.LastName).ThenByDescending(u => u.FirstName).ThenByDescending(u => u.Id)
            : users.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id),
        _ => descending ? users.OrderByDescending(u => u.Email).ThenByDescending(u => u.Id) : users.OrderBy(u => u.Email).ThenBy(u => u.Id),
    };

    private static string EscapeLike(string value) => value.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
