using Platform.Membership.Model.Roles;

namespace Platform.Membership.Model.Access;

/// <summary>
/// Permissions someone holds and where they hold them: from their rank, or from one custom-role grant.
/// The delegation rules compare what is handed out with these.
/// </summary>
public sealed record Holding(string Source, GrantScope Scope, string? UnitPath, IReadOnlySet<string> Permissions, bool AllPermissions = false)
{
    public bool Includes(string permission) => AllPermissions || Permissions.Contains(permission);

    /// <summary>
    /// Whether this holding reaches as far as a scope being handed out: the organization covers all; a
    /// unit covers unit scopes in its subtree; own records are the holder's own and cover nobody else's.
    /// </summary>
    public bool Covers(GrantScope scope, string? unitPath) => Scope switch
    {
        GrantScope.Organization => true,
        GrantScope.Unit => scope == GrantScope.Unit && UnitPath is not null && unitPath is not null && unitPath.StartsWith(UnitPath, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>
    /// What an actor's rank gives: the owner holds every permission, built-in or registered; an admin also
    /// holds the keys their organization defined for itself (<paramref name="organizationKeys"/>).
    /// </summary>
    public static Holding OfRank(Actor actor, IEnumerable<string>? organizationKeys = null) => new(
        $"rank {Delegation.Name(actor.Rank)}", actor.ScopePath is null ? GrantScope.Organization : GrantScope.Unit, actor.ScopePath,
        actor.Rank == Rank.Admin ? Model.Permissions.OfRank(actor.Rank).Concat(organizationKeys ?? []).ToHashSet() : Model.Permissions.OfRank(actor.Rank),
        AllPermissions: actor.Rank == Rank.Owner || actor.PlatformAdmin);
}
