namespace Platform.Membership.Model.Access;

/// <summary>
/// The delegated-administration rules, in one place:
/// nobody grants a rank at or above their own, or changes a member at or above it (so admins never
/// touch other admins or the owner, and managers never touch other managers); a manager scoped to a
/// unit acts only on members inside its subtree and cannot bring new people into the organization;
/// members and viewers administer nobody; nobody acts on themselves; platform administrators may do
/// everything (their actions are audited by the caller).
/// </summary>
public static class Delegation
{
    public static Decision Check(Actor actor, AdminAction action, Target? target = null, Rank? grantedRank = null)
    {
        if (actor.PlatformAdmin) return Decision.Allow("platform administrator");
        if (actor.Rank < Rank.Manager) return Decision.Deny($"a {Name(actor.Rank)} administers nobody");

        if (action == AdminAction.Invite)
        {
            if (actor.ScopePath is not null) return Decision.Deny("a manager scoped to a unit cannot bring new people into the organization");
            if (grantedRank is { } invitedRank && invitedRank >= actor.Rank)
                return Decision.Deny($"a {Name(actor.Rank)} cannot invite someone as {Name(invitedRank)}");
            return Decision.Allow($"{Name(actor.Rank)} of the organization");
        }

        if (target is null) throw new ArgumentNullException(nameof(target), $"{action} needs a target member.");
        if (target.UserId == actor.UserId) return Decision.Deny("nobody administers themselves here");
        if (target.Rank >= actor.Rank)
            return Decision.Deny($"a {Name(actor.Rank)} cannot act on a {Name(target.Rank)}");
        if (actor.ScopePath is not null && !target.UnitPaths.Any(actor.Covers))
            return Decision.Deny("the member is outside the manager's units");
        if (action == AdminAction.GrantRank && grantedRank is { } rank && rank >= actor.Rank)
            return Decision.Deny($"a {Name(actor.Rank)} cannot grant the rank {Name(rank)}");

        return Decision.Allow(actor.ScopePath is null ? $"{Name(actor.Rank)} of the organization" : $"{Name(actor.Rank)} of the member's unit");
    }

    public static string Name(Rank rank) => rank.ToString().ToLowerInvariant();
}
