using Platform.Membership.Model.Access;

namespace Platform.Membership.Model;

public enum MemberState
{
    Active,
    /// <summary>Suspended in this organization only; other memberships are untouched.</summary>
    Suspended,
}

/// <summary>
/// One person in one organization: their rank (over the whole organization, or over one unit's
/// subtree when <see cref="ScopeUnitId"/> is set), the units they belong to and their custom fields.
/// </summary>
public sealed class Member
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public Rank Rank { get; private set; }
    public Guid? ScopeUnitId { get; private set; }
    public MemberState State { get; private set; }
    public Dictionary<string, string> CustomFields { get; private set; } = [];
    public List<MemberUnit> Units { get; private set; } = [];
    public DateTimeOffset JoinedAt { get; private set; }

    private Member() { }

    public static Member Join(Guid organizationId, Guid userId, Rank rank, DateTimeOffset now, Guid? scopeUnitId = null) => new()
    {
        Id = Guid.CreateVersion7(now),
        OrganizationId = organizationId,
        UserId = userId,
        Rank = rank,
        ScopeUnitId = rank == Rank.Owner ? null : scopeUnitId,
        State = MemberState.Active,
        JoinedAt = now,
    };

    public void ChangeRank(Rank rank, Guid? scopeUnitId)
    {
        Rank = rank;
        ScopeUnitId = scopeUnitId;
    }

    /// <summary>Puts the member in exactly these units; returns whether the set of units changed.</summary>
    public bool PlaceIn(IEnumerable<Guid> unitIds)
    {
        var wanted = unitIds.Distinct().ToList();
        var changed = !wanted.ToHashSet().SetEquals(Units.Select(u => u.UnitId));
        if (!changed) return false;
        // Changed in place: EF tracks this list instance and writes what left it and what joined it.
        Units.RemoveAll(u => !wanted.Contains(u.UnitId));
        Units.AddRange(wanted.Where(id => Units.All(u => u.UnitId != id)).Select(id => new MemberUnit(Id, id)));
        return true;
    }

    public List<Guid> UnitIds() => Units.Select(u => u.UnitId).ToList();

    /// <summary>
    /// Whether this member may create accounts the organization manages: its owner and admins in force,
    /// over the whole organization (identity checks the same on its copy of the ranks before it creates one).
    /// </summary>
    public bool MayCreateManagedAccounts => State == MemberState.Active && Rank >= Rank.Admin && ScopeUnitId is null;

    public void SetCustomFields(Dictionary<string, string> values) => CustomFields = values;

    public string? Suspend()
    {
        if (Rank == Rank.Owner) return "The owner cannot be suspended; transfer ownership first.";
        if (State == MemberState.Suspended) return "The member is already suspended.";
        State = MemberState.Suspended;
        return null;
    }

    public string? Reactivate()
    {
        if (State == MemberState.Active) return "The member is not suspended.";
        State = MemberState.Active;
        return null;
    }

    internal void BecomeOwner()
    {
        Rank = Rank.Owner;
        ScopeUnitId = null;
    }

    internal void StepDownAsOwner() => Rank = Rank.Admin;

    /// <summary>This member as someone acting, given the path of the unit their rank is scoped to.</summary>
    public Actor AsActor(string? scopePath) => new(UserId, State == MemberState.Active ? Rank : Rank.Viewer, ScopeUnitId is null ? null : scopePath ?? "/none/");
}

/// <summary>Membership of a member in a unit.</summary>
public sealed record MemberUnit(Guid MemberId, Guid UnitId);
