namespace Platform.Identity.Model;

/// <summary>
/// Identity's copy of one person's membership in one organization, learnt from membership's events:
/// rank, suspension, revocation. Each part keeps the time of the event that last set it, so events
/// applied out of order end in the same state; a revocation stays as a marker so a late grant from
/// before it does not bring the membership back.
/// </summary>
public sealed class OrganizationMembership
{
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public OrganizationRank Rank { get; private set; }
    public DateTimeOffset RankChangedAt { get; private set; } = DateTimeOffset.MinValue;
    public bool Suspended { get; private set; }
    public DateTimeOffset StateChangedAt { get; private set; } = DateTimeOffset.MinValue;
    public DateTimeOffset GrantedAt { get; private set; } = DateTimeOffset.MinValue;
    public DateTimeOffset? RevokedAt { get; private set; }
    /// <summary>Optimistic concurrency (PostgreSQL's xmin): two events racing on one row cannot lose an update.</summary>
    public uint Version { get; private set; }

    private OrganizationMembership() { }

    public static OrganizationMembership Learn(Guid organizationId, Guid userId) => new() { OrganizationId = organizationId, UserId = userId };

    /// <summary>In force: granted, not revoked since, not suspended.</summary>
    public bool IsActive => GrantedAt > DateTimeOffset.MinValue && RevokedAt is null && !Suspended;

    public void Grant(OrganizationRank rank, DateTimeOffset at)
    {
        if (RevokedAt is { } revoked && at <= revoked) return;
        if (at < GrantedAt) return;
        RevokedAt = null;
        GrantedAt = at;
        ChangeRank(rank, at);
        ChangeState(suspended: false, at);
    }

    public void ChangeRank(OrganizationRank rank, DateTimeOffset at)
    {
        if (at < RankChangedAt) return;
        Rank = rank;
        RankChangedAt = at;
        // A rank change is also proof the membership exists (its grant may still be on the way).
        if (GrantedAt == DateTimeOffset.MinValue && RevokedAt is null) GrantedAt = at;
    }

    public void ChangeState(bool suspended, DateTimeOffset at)
    {
        if (at < StateChangedAt) return;
        Suspended = suspended;
        StateChangedAt = at;
    }

    public void Revoke(DateTimeOffset at)
    {
        if (at < GrantedAt || (RevokedAt is { } earlier && earlier >= at)) return;
        RevokedAt = at;
    }

    /// <summary>Granted and not revoked since; a suspended membership is still one.</summary>
    public bool IsMember => GrantedAt > DateTimeOffset.MinValue && RevokedAt is null;

    /// <summary>Why this member may not create accounts for the organization, or null: only its owner and admins in force.</summary>
    public AccountManagementRefusal? RefusalToCreateAccounts() => IsActive && Rank.Administers()
        ? null
        : AccountManagementRefusal.Forbidden("Only the organization's owner and admins manage its accounts.");

    /// <summary>
    /// Why this member may not manage <paramref name="account"/> (create, edit, reset, lock, suspend,
    /// archive, delete), or null. The rank rules: only an owner or admin in force, and only for a
    /// member of strictly lower rank (an admin never touches the owner or another admin). The account
    /// must be the organization's: created by it and belonging to no other organization. An account
    /// the person created, or one shared with another organization, stays theirs; the organization acts
    /// on the membership only. Platform administrators' accounts are theirs to manage.
    /// </summary>
    public AccountManagementRefusal? RefusalToManage(OrganizationMembership? target, User account, bool accountBelongsElsewhere)
    {
        if (RefusalToCreateAccounts() is { } refusal) return refusal;
        if (target is null || target.OrganizationId != OrganizationId || target.UserId != account.Id || !target.IsMember || account.State == UserState.Deleted)
        {
            return AccountManagementRefusal.Unknown("The account is not a member of this organization.");
        }

        if (target.UserId == UserId) return AccountManagementRefusal.Forbidden("Your own account is managed from your account page, not as the organization's.");
        if (target.Rank >= Rank)
        {
            return AccountManagementRefusal.Forbidden(Rank == OrganizationRank.Owner
                ? "The owner manages the accounts of admins, managers, members and viewers only."
                : "An admin manages the accounts of managers, members and viewers only, never the owner's or another admin's.");
        }

        if (account.IsPlatformAdmin) return AccountManagementRefusal.Forbidden("A platform administrator's account is managed by platform administrators only.");
        if (!account.CreatedBy(OrganizationId))
        {
            return AccountManagementRefusal.Forbidden("This organization did not create the account (the person signed up, or another organization did): it stays theirs, and this organization can act only on the membership.");
        }

        return accountBelongsElsewhere
            ? AccountManagementRefusal.Forbidden("The account also belongs to other organizations: it stays the person's, and this organization can act only on the membership.")
            : null;
    }

    /// <summary>
    /// Why this member may not impersonate <paramref name="target"/> in <paramref name="organization"/>,
    /// or null: the organization must allow it, the actor must administer it (owner or admin) and be
    /// in force, and the target must be a member in force of strictly lower rank who belongs to no other
    /// organization: an impersonating session is the whole account, so it would reach those too.
    /// </summary>
    public string? RefusalToImpersonate(OrganizationMembership? target, KnownOrganization organization, bool targetBelongsElsewhere = false)
    {
        if (organization.Id != OrganizationId) throw new ArgumentException("The organization is not this membership's.", nameof(organization));
        if (organization.IsArchived) return "The organization is archived.";
        if (!organization.AdminsMayImpersonate) return "This organization does not allow its administrators to impersonate members.";
        if (!IsActive || !Rank.Administers()) return "Only the organization's owner and admins may impersonate its members.";
        if (target is null || target.OrganizationId != OrganizationId || !target.IsActive) return "The user is not a member of this organization.";
        if (target.Rank >= Rank) return "Members of equal or higher rank cannot be impersonated.";
        if (targetBelongsElsewhere) return "The user also belongs to other organizations; only a platform administrator may impersonate them.";
        return null;
    }
}
