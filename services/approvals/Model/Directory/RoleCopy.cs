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
    /// <summary>The role grants <see cref="ReadPermission"/>: its holders (organization-wide) read every request.</summary>
    public bool ReadsRequests { get; private set; }
    public DateTimeOffset PermissionsSince { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Membership's permission for reading every approval request of the organization.</summary>
    public const string ReadPermission = "approvals.read";

    private RoleCopy() { }

    public static RoleCopy Unknown(Guid organizationId, Guid id) => new() { OrganizationId = organizationId, Id = id };

    public bool IsDeleted => DeletedAt is not null;

    public void LearnName(string name, DateTimeOffset at)
    {
        if (at < NameSince) return;
        Name = name;
        NameSince = at;
    }

    /// <summary>The role's permissions as of <paramref name="at"/>; an older list changes nothing.</summary>
    public void LearnPermissions(IReadOnlyList<string> permissions, DateTimeOffset at)
    {
        if (at < PermissionsSince) return;
        ReadsRequests = permissions.Contains(ReadPermission);
        PermissionsSince = at;
    }

    public void Delete(DateTimeOffset at)
    {
        if (DeletedAt is null || at < DeletedAt) DeletedAt = at;
    }
}
