namespace Platform.Membership.Model.Access;

/// <summary>
/// Who is acting inside an organization: their rank and where it applies. A null
/// <see cref="ScopePath"/> means the whole organization; otherwise the unit subtree under that path.
/// </summary>
public sealed record Actor(Guid UserId, Rank Rank, string? ScopePath, bool PlatformAdmin = false)
{
    public static Actor PlatformAdministrator(Guid userId) => new(userId, Rank.Owner, null, PlatformAdmin: true);

    /// <summary>Whether a unit (by its path) lies in this actor's scope.</summary>
    public bool Covers(string? unitPath) => ScopePath is null || (unitPath is not null && unitPath.StartsWith(ScopePath, StringComparison.Ordinal));
}

/// <summary>The member acted upon: their rank and the units they belong to (paths).</summary>
public sealed record Target(Guid UserId, Rank Rank, IReadOnlyList<string> UnitPaths);
