namespace Platform.Notifications.Model;

/// <summary>
/// What this service knows of one person's membership in one organization, from membership's events:
/// enough to tell who administers it (webhook notices, who may manage its webhooks). Events of different
/// types may arrive out of order, so each fact (membership, rank, state) keeps the time of the event that
/// set it, and an older event never overwrites a newer one.
/// </summary>
public sealed class OrganizationMember
{
    public const string Owner = "owner";
    public const string Admin = "admin";

    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public bool IsMember { get; private set; }
    public DateTimeOffset MemberSince { get; private set; }
    /// <summary>Lowercase, as membership names it; null until a rank is known.</summary>
    public string? Rank { get; private set; }
    /// <summary>A rank limited to a unit subtree does not administer the organization as a whole.</summary>
    public Guid? ScopeUnitId { get; private set; }
    public DateTimeOffset RankSince { get; private set; }
    public bool Suspended { get; private set; }
    public DateTimeOffset StateSince { get; private set; }

    private OrganizationMember() { }

    /// <summary>A row for a pair no event has mentioned yet; it grants nothing until one does.</summary>
    public static OrganizationMember Unknown(Guid organizationId, Guid userId) => new()
    {
        OrganizationId = organizationId,
        UserId = userId,
        MemberSince = DateTimeOffset.MinValue,
        RankSince = DateTimeOffset.MinValue,
        StateSince = DateTimeOffset.MinValue,
    };

    /// <summary>Owners and admins of the whole organization, while their membership is active.</summary>
    public bool IsAdministrator => IsMember && !Suspended && ScopeUnitId is null && Rank is Owner or Admin;

    /// <summary>A (new) membership: member, with this rank, active.</summary>
    public void Grant(string rank, Guid? scopeUnitId, DateTimeOffset at)
    {
        SetMembership(true, at);
        ChangeRank(rank, scopeUnitId, at);
        ChangeState("active", at);
    }

    public void ChangeRank(string rank, Guid? scopeUnitId, DateTimeOffset at)
    {
        if (at < RankSince)
        {
            return;
        }

        Rank = rank.Trim().ToLowerInvariant();
        ScopeUnitId = scopeUnitId;
        RankSince = at;
    }

    /// <summary><c>active</c>, or anything else (<c>suspended</c>), which stops the membership from counting.</summary>
    public void ChangeState(string state, DateTimeOffset at)
    {
        if (at < StateSince)
        {
            return;
        }

        Suspended = !string.Equals(state, "active", StringComparison.OrdinalIgnoreCase);
        StateSince = at;
    }

    public void Revoke(DateTimeOffset at) => SetMembership(false, at);

    /// <summary>The new owner is a member with the owner rank; the previous one stays on as an admin.</summary>
    public void BecomeOwner(DateTimeOffset at)
    {
        SetMembership(true, at);
        ChangeRank(Owner, null, at);
    }

    public void StepDownAsOwner(DateTimeOffset at) => ChangeRank(Admin, null, at);

    private void SetMembership(bool isMember, DateTimeOffset at)
    {
        if (at < MemberSince)
        {
            return;
        }

        IsMember = isMember;
        MemberSince = at;
    }
}

/// <summary>An archived organization has no administrators here any more; archiving is final.</summary>
public sealed class ArchivedOrganization(Guid organizationId, DateTimeOffset archivedAt)
{
    public Guid OrganizationId { get; private set; } = organizationId;
    public DateTimeOffset ArchivedAt { get; private set; } = archivedAt;
}
