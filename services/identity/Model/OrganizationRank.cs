namespace Platform.Identity.Model;

/// <summary>Membership's built-in ranks, lowest first; the names are the lowercase words its events carry.</summary>
public enum OrganizationRank
{
    Viewer,
    Member,
    Manager,
    Admin,
    Owner,
}

public static class OrganizationRanks
{
    public static bool TryParse(string? name, out OrganizationRank rank) => name switch
    {
        "owner" => Set(OrganizationRank.Owner, out rank),
        "admin" => Set(OrganizationRank.Admin, out rank),
        "manager" => Set(OrganizationRank.Manager, out rank),
        "member" => Set(OrganizationRank.Member, out rank),
        "viewer" => Set(OrganizationRank.Viewer, out rank),
        _ => Set(OrganizationRank.Viewer, out rank) && false,
    };

    public static string Name(OrganizationRank rank) => rank.ToString().ToLowerInvariant();

    /// <summary>Owners and admins administer an organization.</summary>
    public static bool Administers(this OrganizationRank rank) => rank >= OrganizationRank.Admin;

    private static bool Set(OrganizationRank value, out OrganizationRank rank)
    {
        rank = value;
        return true;
    }
}
