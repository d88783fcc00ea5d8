namespace Platform.Approvals.Model.Directory;

/// <summary>
/// One person's membership of one organization, from membership's events: the rank (lowercase:
/// owner, admin, manager, member, viewer), the unit subtree it is limited to, and whether it is
/// suspended. Events arrive in any order, so each fact (membership, rank, state) keeps the time of the
/// event that set it and an older event never overwrites a newer one. A row learnt from an event that
/// does not prove membership (a suspension about an unknown member) and a revoked membership stay as
/// rows with <see cref="IsMember"/> false: they grant nothing (the context's query filter hides them)
/// until a grant or rank change newer than the revocation arrives.
/// </summary>
public sealed class MemberCopy
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Manager = "manager";

    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    /// <summary>Granted (or shown to exist by a rank change) and not revoked since.</summary>
    public bool IsMember { get; private set; }
    public DateTimeOffset MemberSince { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>Empty until an event carrying the rank arrives.</summary>
    public string Rank { get; private set; } = "";
    public Guid? ScopeUnitId { get; private set; }
    public DateTimeOffset RankSince { get; private set; } = DateTimeOffset.MinValue;
    public bool Suspended { get; private set; }
    public DateTimeOffset StateSince { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>The latest revocation of this membership, kept after a new grant: anything granted before it ended with it.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }
    /// <summary>The time of the unit list held (the rows of UnitMemberships): the newest list, or the revocation that emptied it.</summary>
    public DateTimeOffset UnitsSince { get; private set; } = DateTimeOffset.MinValue;

    private MemberCopy() { }

    /// <summary>A pair no event has mentioned yet; it grants nothing until one does.</summary>
    public static MemberCopy Unknown(Guid organizationId, Guid userId) => new() { OrganizationId = organizationId, UserId = userId };

    public bool IsAdmin => Rank is Owner or Admin;

    /// <summary>
    /// Senior: an owner or admin, or a manager not limited to a unit. They read every request of the
    /// organization (membership's approvals.read over the whole organization), not only those they were asked.
    /// </summary>
    public bool ReadsEveryRequest => IsAdmin || (Rank == Manager && ScopeUnitId is null);

    /// <summary>A (new) membership: member, with this rank, active.</summary>
    public void Grant(string rank, Guid? scopeUnitId, DateTimeOffset at)
    {
        SetMembership(true, at);
        ChangeRank(rank, scopeUnitId, at);
        ChangeState("active", at);
    }

    /// <summary>A rank change also proves the membership when nothing newer is known of it (its grant may still be on the way).</summary>
    public void ChangeRank(string rank, Guid? scopeUnitId, DateTimeOffset at)
    {
        if (MemberSince == DateTimeOffset.MinValue) SetMembership(true, at);
        if (at < RankSince) return;
        Rank = rank.Trim().ToLowerInvariant();
        ScopeUnitId = scopeUnitId;
        RankSince = at;
    }

    public void ChangeState(string state, DateTimeOffset at)
    {
        if (at < StateSince) return;
        Suspended = string.Equals(state, "suspended", StringComparison.OrdinalIgnoreCase);
        StateSince = at;
    }

    /// <summary>
    /// Ends the membership at <paramref name="at"/> (unless newer news of it is known). Returns whether
    /// the unit list held is older than the revocation, and so ends with it: the caller empties it.
    /// </summary>
    public bool Revoke(DateTimeOffset at)
    {
        SetMembership(false, at);
        if (RevokedAt is null || at > RevokedAt) RevokedAt = at;
        if (at < UnitsSince) return false;
        UnitsSince = at;
        return true;
    }

    /// <summary>
    /// Whether a complete unit list of <paramref name="at"/> replaces the one held: it is newer than
    /// that list and than the latest revocation (a list from before a revocation ended with it).
    /// </summary>
    public bool TakeUnits(DateTimeOffset at)
    {
        if (at <= UnitsSince || (RevokedAt is { } revoked && at <= revoked)) return false;
        UnitsSince = at;
        return true;
    }

    private void SetMembership(bool isMember, DateTimeOffset at)
    {
        if (at < MemberSince || (at == MemberSince && !IsMember && MemberSince != DateTimeOffset.MinValue)) return;
        IsMember = isMember;
        MemberSince = at;
    }
}
