namespace Platform.Membership.Model;

/// <summary>Built-in ranks, highest first in authority: owner &gt; admin &gt; manager &gt; member &gt; viewer.</summary>
public enum Rank
{
    Viewer = 0,
    Member = 1,
    Manager = 2,
    Admin = 3,
    Owner = 4,
}
