namespace Platform.Membership.Model.Approvals;

/// <summary>
/// What an approved request asks membership to grant, read from the approval's Subject.
/// <para>Subject.Type <c>membership.join</c>: join the organization. Subject.ExternalId is
/// <c>user={userId};rank={rank}</c> with an optional <c>;units={unitId},{unitId}</c> (rank: admin,
/// manager, member or viewer; member when left out).</para>
/// <para>Subject.Type <c>role.elevation</c>: a member gets a higher rank. Subject.ExternalId is
/// <c>user={userId};rank={rank}</c>.</para>
/// Keys are case-insensitive and may come in any order; anything else is refused as malformed.
/// Ownership is never granted this way: it is transferred. The user must be the request's requester; a
/// join grants at most member, and a rank is raised only by a decider who could grant it by the delegation
/// rules (a member of strictly higher rank; never an external approver or an automatic approval).
/// </summary>
public sealed record ApprovedGrant(string Kind, Guid UserId, Rank Rank, IReadOnlyList<Guid> UnitIds)
{
    public const string Join = "membership.join";
    public const string Elevation = "role.elevation";

    public static (ApprovedGrant? Grant, string? Problem) Parse(string subjectType, string? externalId)
    {
        if (subjectType is not (Join or Elevation)) return (null, $"'{subjectType}' is not a membership subject.");
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (externalId ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('=');
            if (at <= 0 || !parts.TryAdd(part[..at].Trim().ToLowerInvariant(), part[(at + 1)..].Trim())) return (null, $"'{part}' is not key=value (or repeats a key).");
        }

        if (parts.Keys.FirstOrDefault(k => k is not ("user" or "rank" or "units")) is { } unknown) return (null, $"Unknown key '{unknown}'.");
        if (!parts.TryGetValue("user", out var userText) || !Guid.TryParse(userText, out var userId)) return (null, "user={userId} is required.");
        var rankText = parts.GetValueOrDefault("rank") ?? (subjectType == Join ? "member" : null);
        if (rankText is null || !Enum.TryParse<Rank>(rankText, ignoreCase: true, out var rank) || !Enum.IsDefined(rank) || int.TryParse(rankText, out _) || rank == Rank.Owner)
            return (null, "rank= one of admin, manager, member, viewer.");
        if (subjectType == Join && rank > Rank.Member) return (null, "A join grants at most member; a higher rank is asked for afterwards (role.elevation).");
        var units = new List<Guid>();
        if (parts.TryGetValue("units", out var unitText))
        {
            if (subjectType != Join) return (null, "units= is for membership.join only.");
            foreach (var id in unitText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!Guid.TryParse(id, out var unitId)) return (null, $"'{id}' is not a unit id.");
                units.Add(unitId);
            }
        }

        return (new ApprovedGrant(subjectType, userId, rank, units.Distinct().ToList()), null);
    }
}
