namespace Platform.Approvals.Model.Directory;

/// <summary>
/// A unit of an organization's tree (branch, department, team), for walking up to its managers.
/// Membership's events about a unit arrive in any order: the first creates the row with what it
/// carries, name and parent each keep the newest event's value, and a deleted unit stays deleted
/// (a tombstone with its deletion time) whatever arrives after.
/// </summary>
public sealed class UnitCopy
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid? ParentUnitId { get; private set; }
    public DateTimeOffset ParentSince { get; private set; } = DateTimeOffset.MinValue;
    public string Name { get; private set; } = "";
    public DateTimeOffset NameSince { get; private set; } = DateTimeOffset.MinValue;
    public DateTimeOffset? DeletedAt { get; private set; }

    private UnitCopy() { }

    public static UnitCopy Unknown(Guid organizationId, Guid id) => new() { OrganizationId = organizationId, Id = id };

    public bool IsDeleted => DeletedAt is not null;

    public void Create(Guid? parentUnitId, string name, DateTimeOffset at)
    {
        Rename(name, at);
        Move(parentUnitId, at);
    }

    public void Rename(string name, DateTimeOffset at)
    {
        if (at < NameSince) return;
        Name = name;
        NameSince = at;
    }

    public void Move(Guid? parentUnitId, DateTimeOffset at)
    {
        if (at < ParentSince) return;
        ParentUnitId = parentUnitId;
        ParentSince = at;
    }

    public void Delete(DateTimeOffset at)
    {
        if (DeletedAt is null || at < DeletedAt) DeletedAt = at;
    }
}

/// <summary>A member belongs to a unit (the member copy's <see cref="MemberCopy.UnitsSince"/> says as of when).</summary>
public sealed record UnitMembership(Guid OrganizationId, Guid UserId, Guid UnitId);
