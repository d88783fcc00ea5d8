using Platform.Membership.Model.Roles;
using Platform.ServiceDefaults.Problems;

namespace Platform.Membership.Model.Access;

/// <summary>
/// The delegated-administration rules, in one place:
/// nobody grants a rank at or above their own, or changes a member at or above it (so admins never
/// touch other admins or the owner, and managers never touch other managers); a manager scoped to a
/// unit acts only on members inside its subtree and cannot bring new people into the organization;
/// members and viewers administer nobody; nobody acts on themselves; platform administrators may do
/// everything (their actions are audited by the caller).
/// Custom roles add: nobody hands out a permission beyond where they hold it themselves, a unit-scoped
/// manager grants roles only over units in their subtree, and nobody redefines a role that someone at
/// or above their own rank holds.
/// </summary>
public static class Delegation
{
    public static Decision Check(Actor actor, AdminAction action, Target? target = null, Rank? grantedRank = null)
    {
        if (actor.PlatformAdmin) return Decision.Allow("platform administrator");
        if (actor.Rank < Rank.Manager) return Decision.Deny($"{Articles.A(Name(actor.Rank))} administers nobody");

        if (action == AdminAction.Invite)
        {
            if (actor.ScopePath is not null) return Decision.Deny("a manager scoped to a unit cannot bring new people into the organization");
            if (grantedRank is { } invitedRank && invitedRank >= actor.Rank)
                return Decision.Deny($"{Articles.A(Name(actor.Rank))} cannot invite someone as {Name(invitedRank)}");
            return Decision.Allow($"{Name(actor.Rank)} of the organization");
        }

        if (target is null) throw new ArgumentNullException(nameof(target), $"{action} needs a target member.");
        if (target.UserId == actor.UserId) return Decision.Deny("nobody administers themselves here");
        if (target.Rank >= actor.Rank)
            return Decision.Deny($"{Articles.A(Name(actor.Rank))} cannot act on {Articles.A(Name(target.Rank))}");
        if (actor.ScopePath is not null && !target.UnitPaths.Any(actor.Covers))
            return Decision.Deny("the member is outside the manager's units");
        if (action == AdminAction.GrantRank && grantedRank is { } rank && rank >= actor.Rank)
            return Decision.Deny($"{Articles.A(Name(actor.Rank))} cannot grant the rank {Name(rank)}");

        return Decision.Allow(actor.ScopePath is null ? $"{Name(actor.Rank)} of the organization" : $"{Name(actor.Rank)} of the member's unit");
    }

    /// <summary>
    /// Granting or revoking a custom role: the member must be one the actor may change; a manager
    /// scoped to a unit grants only unit scopes inside their subtree; every permission of the role must
    /// be held by the actor (rank or own grants) at least as far as the scope granted.
    /// </summary>
    public static Decision CheckRoleGrant(
        Actor actor, IReadOnlyList<Holding> holdings, Target target, IReadOnlyCollection<string> rolePermissions, GrantScope scope, string? unitPath)
    {
        if (actor.PlatformAdmin) return Decision.Allow("platform administrator");
        var onMember = Check(actor, AdminAction.ChangeMember, target);
        if (!onMember.Allowed) return onMember;
        if (actor.ScopePath is not null && (scope != GrantScope.Unit || !actor.Covers(unitPath)))
            return Decision.Deny("a manager scoped to a unit grants roles only over units inside their subtree");

        var missing = rolePermissions.Where(p => !holdings.Any(h => h.Includes(p) && h.Covers(scope, unitPath))).ToList();
        if (missing.Count > 0)
            return Decision.Deny($"nobody grants a permission they do not hold themselves; you do not hold {string.Join(", ", missing)} {Reach(scope)}");
        return onMember;
    }

    /// <summary>
    /// Granting a custom role to a unit, or revoking it: those who may grant roles to members (managers and
    /// above) may; a manager scoped to a unit grants only to units inside their subtree and only over
    /// units there; every permission of the role must be held by the actor at least as far as the scope
    /// granted. The grant reaches whoever is in the unit, so no member is checked: what the role gives,
    /// the actor holds.
    /// </summary>
    public static Decision CheckUnitRoleGrant(
        Actor actor, IReadOnlyList<Holding> holdings, string holderUnitPath, IReadOnlyCollection<string> rolePermissions, GrantScope scope, string? unitPath)
    {
        if (actor.PlatformAdmin) return Decision.Allow("platform administrator");
        if (actor.Rank < Rank.Manager) return Decision.Deny($"{Articles.A(Name(actor.Rank))} grants roles to nobody");
        if (actor.ScopePath is not null && (!actor.Covers(holderUnitPath) || scope != GrantScope.Unit || !actor.Covers(unitPath)))
            return Decision.Deny("a manager scoped to a unit grants roles only to units inside their subtree, over units there");

        var missing = rolePermissions.Where(p => !holdings.Any(h => h.Includes(p) && h.Covers(scope, unitPath))).ToList();
        if (missing.Count > 0)
            return Decision.Deny($"nobody grants a permission they do not hold themselves; you do not hold {string.Join(", ", missing)} {Reach(scope)}");
        return Decision.Allow(actor.ScopePath is null ? $"{Name(actor.Rank)} of the organization" : $"{Name(actor.Rank)} of the unit");
    }

    /// <summary>
    /// Defining, redefining or deleting a custom role: it must not be held by anyone at or above the
    /// actor's rank (that would change them), and it gains only permissions the actor holds over the
    /// whole organization.
    /// </summary>
    public static Decision CheckRoleDefinition(Actor actor, IReadOnlyList<Holding> holdings, IEnumerable<string> addedPermissions, IEnumerable<Rank> holderRanks)
    {
        if (actor.PlatformAdmin) return Decision.Allow("platform administrator");
        var highest = holderRanks.Where(r => r >= actor.Rank).OrderDescending().Cast<Rank?>().FirstOrDefault();
        if (highest is { } rank)
            return Decision.Deny($"the role is held by someone ranked {Name(rank)}; you change only roles held by members below your rank ({Name(actor.Rank)})");

        var missing = addedPermissions.Where(p => !holdings.Any(h => h.Includes(p) && h.Covers(GrantScope.Organization, null))).ToList();
        if (missing.Count > 0)
            return Decision.Deny($"a role gets only permissions its author holds over the whole organization; you do not hold {string.Join(", ", missing)} there");
        return Decision.Allow($"{Name(actor.Rank)} holding every permission of the role");
    }

    private static string Reach(GrantScope scope) => scope switch
    {
        GrantScope.Organization => "over the whole organization",
        GrantScope.Unit => "over that unit",
        _ => "over the whole organization (own-records grants are given from there)",
    };

    public static string Name(Rank rank) => rank.ToString().ToLowerInvariant();
}
