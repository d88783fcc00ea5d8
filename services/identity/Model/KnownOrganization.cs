namespace Platform.Identity.Model;

/// <summary>
/// Identity's copy of what it needs to know about an organization, learnt from membership's events
/// (membership owns organizations): its name, whether it is archived, its security settings.
/// Events arrive on separate queues in any order, so each part keeps the time it was last changed
/// and an older event never overwrites a newer one.
/// </summary>
public sealed class KnownOrganization
{
    public const int MaxNameLength = 200;

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset? ArchivedAt { get; private set; }
    public bool RequireTwoFactor { get; private set; }
    public bool AdminsMayImpersonate { get; private set; }
    public DateTimeOffset SecurityChangedAt { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>Optimistic concurrency (PostgreSQL's xmin): two events racing on one row cannot lose an update.</summary>
    public uint Version { get; private set; }

    private KnownOrganization() { }

    public static KnownOrganization Learn(Guid id) => new() { Id = id };

    public bool IsArchived => ArchivedAt is not null;

    public void Rename(string name) => Name = name.Length > MaxNameLength ? name[..MaxNameLength] : name;

    /// <summary>Archiving is final here: membership publishes no event that brings an organization back.</summary>
    public void Archive(DateTimeOffset at) => ArchivedAt ??= at;

    public void ChangeSecurity(bool requireTwoFactor, bool adminsMayImpersonate, DateTimeOffset at)
    {
        if (at < SecurityChangedAt) return;
        RequireTwoFactor = requireTwoFactor;
        AdminsMayImpersonate = adminsMayImpersonate;
        SecurityChangedAt = at;
    }
}
