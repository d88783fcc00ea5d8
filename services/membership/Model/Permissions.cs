namespace Platform.Membership.Model;

/// <summary>The built-in permissions and what each rank holds. Client apps register their own keys besides these.</summary>
public static class Permissions
{
    public const string MembersRead = "members.read";
    public const string MembersInvite = "members.invite";
    public const string MembersManage = "members.manage";
    public const string UnitsManage = "units.manage";
    public const string GroupsPost = "groups.post";
    public const string ApprovalsRequest = "approvals.request";
    public const string ApprovalsDecide = "approvals.decide";
    public const string ApprovalsRead = "approvals.read";
    public const string OrgSettings = "org.settings";

    public static readonly IReadOnlyList<(string Key, string Description)> BuiltIn =
    [
        (MembersRead, "See the organization's members"),
        (MembersInvite, "Invite people into the organization"),
        (MembersManage, "Change, suspend and remove members of lower rank"),
        (UnitsManage, "Create, rename, move and delete units"),
        (GroupsPost, "Post to message groups"),
        (ApprovalsRequest, "Ask for approvals"),
        (ApprovalsDecide, "Approve or reject requests"),
        (ApprovalsRead, "Read every approval request of the organization, not only those one made or was asked to decide"),
        (OrgSettings, "Change the organization's profile and settings"),
    ];

    /// <summary>
    /// Whether a rank holds a permission over its scope. The owner holds every permission, the keys
    /// client apps register included (somebody must be able to hand those out through custom roles);
    /// the other ranks hold their built-in sets, and custom roles add on top.
    /// </summary>
    public static bool RankHolds(Rank rank, string permission) => rank == Rank.Owner || OfRank(rank).Contains(permission);

    /// <summary>
    /// <see cref="RankHolds(Rank, string)"/> for a key the organization defined itself: its owner and admins
    /// hold those too (they define them, and somebody must be able to hand them out).
    /// </summary>
    public static bool RankHolds(Rank rank, string permission, bool organizationKey) =>
        RankHolds(rank, permission) || (organizationKey && rank == Rank.Admin);

    /// <summary>The built-in permissions a rank holds over its scope; custom roles add named sets on top.</summary>
    public static IReadOnlySet<string> OfRank(Rank rank) => rank switch
    {
        Rank.Owner or Rank.Admin => AdminSet,
        Rank.Manager => ManagerSet,
        Rank.Member => MemberSet,
        _ => ViewerSet,
    };

    private static readonly HashSet<string> ViewerSet = [MembersRead];
    private static readonly HashSet<string> MemberSet = [MembersRead, GroupsPost, ApprovalsRequest];
    private static readonly HashSet<string> ManagerSet = [MembersRead, MembersInvite, MembersManage, UnitsManage, GroupsPost, ApprovalsRequest, ApprovalsDecide, ApprovalsRead];
    private static readonly HashSet<string> AdminSet = [.. BuiltIn.Select(p => p.Key)];

    public const string KeyRule = "A key of 3 to 100 lowercase letters, digits, '.', '-' or '_' with at least one dot, such as invoices.approve.";

    public static bool IsValidKey(string key) =>
        key.Length is > 2 and <= 100 && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_') && key.Contains('.');
}
