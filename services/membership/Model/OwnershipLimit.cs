namespace Platform.Membership.Model;

/// <summary>How many organizations a user may own; without a row, <see cref="Default"/>. Platform admins raise it.</summary>
public sealed class OwnershipLimit
{
    public const int Default = 1;

    public Guid UserId { get; private set; }
    public int MaxOrganizations { get; private set; }

    private OwnershipLimit() { }

    public OwnershipLimit(Guid userId, int maxOrganizations)
    {
        UserId = userId;
        MaxOrganizations = maxOrganizations;
    }

    public void Change(int maxOrganizations) => MaxOrganizations = maxOrganizations;
}
