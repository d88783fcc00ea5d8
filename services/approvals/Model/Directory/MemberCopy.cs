namespace Platform.Approvals.Model.Directory;

/// <summary>
/// One person's membership of one organization, from membership's events: the rank (lowercase:
/// owner, admin, manager, member, viewer), the unit subtree it is limited to, and whether it is
/// suspended. A revoked membership is deleted.
/// </summary>
public sealed class MemberCopy
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Manager = "manager";

    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public string Rank { get; private set; } = "";
    public Guid? ScopeUnitId { get; private set; }
    public bool Suspended { get; private set; }

    private MemberCopy() { }

    public static MemberCopy Granted(Guid organizationId, Guid userId, string rank, Guid? scopeUnitId) => new()
    {
        OrganizationId = organizationId,
        UserId = userId,
        Rank = rank.ToLowerInvariant(),
        ScopeUnitId = scopeUnitId,
    };

    public bool IsAdmin => Rank is Owner or Admin;

    public void ChangeRank(string rank, Guid? scopeUnitId)
    {
        Rank = rank.ToLowerInvariant();
        ScopeUnitId = scopeUnitId;
    }

    public void ChangeState(string state) => Suspended = string.Equals(state, "suspended", StringComparison.OrdinalIgnoreCase);
}
