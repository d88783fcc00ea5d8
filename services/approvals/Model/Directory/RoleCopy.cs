namespace Platform.Approvals.Model.Directory;

/// <summary>
/// A custom role of an organization, which policies name: its current name (the newest event's) and
/// whether it was deleted. Learnt from its grants and its changes, in any order; a deleted role stays
/// deleted, so none of its grants counts again.
/// </summary>
public sealed class RoleCopy
{
    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    public DateTimeOffset NameSince { get; private set; } = DateTimeOffset.MinValue;
    public DateTimeOffset? DeletedAt { get; private set; }

    private RoleCopy() { }

    public static RoleCopy Unknown(Guid organizationId, Guid id) => new() { OrganizationId = organizationId, Id = id };

    public bool IsDeleted => DeletedAt is not null;

    public void LearnName(string name, DateTimeOffset at)
    {
        if (at < NameSince) return;
        Name = name;
        NameSince = at;
    }

    public void Delete(DateTimeOffset at)
    {
        if (DeletedAt is null || at < DeletedAt) DeletedAt = at;
    }
}
