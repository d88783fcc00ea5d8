namespace Platform.Approvals.Apis;

/// <summary>
/// What a request to join (<c>membership.join</c>) may ask for: its requester, as a member, optionally in
/// some units (<c>user={id};rank=member;units={id},{id}</c>, keys in any order). Membership grants it
/// when approved and checks the same; refusing here tells the requester at once.
/// </summary>
public static class JoinRequest
{
    public static bool IsForCaller(string? externalId, Guid callerId)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (externalId ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf('=');
            if (at <= 0 || !parts.TryAdd(part[..at].Trim(), part[(at + 1)..].Trim())) return false;
        }

        return parts.Keys.All(k => k.ToLowerInvariant() is "user" or "rank" or "units")
            && Guid.TryParse(parts.GetValueOrDefault("user"), out var user) && user == callerId
            && (parts.GetValueOrDefault("rank") ?? "member").Equals("member", StringComparison.OrdinalIgnoreCase);
    }
}
