using Platform.Membership.Model.Access;

namespace Platform.Membership.Model.Groups;

public enum GroupKind
{
    /// <summary>Members join and leave themselves.</summary>
    Open,
    /// <summary>Those who manage members add and remove people.</summary>
    Restricted,
    /// <summary>Membership follows a <see cref="GroupRule"/>, evaluated whenever it is needed.</summary>
    Automatic,
}

/// <summary>
/// A message group of one organization. Open and restricted groups keep their members
/// (<see cref="GroupMember"/>); an automatic group keeps none and is its rule, evaluated at read and
/// post time, so it follows every membership change without a recomputation step.
/// </summary>
public sealed class MessageGroup
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 500;

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string Name { get; private set; } = "";
    public string NormalizedName { get; private set; } = "";
    public string Description { get; private set; } = "";
    public GroupKind Kind { get; private set; }
    public GroupRuleType? RuleType { get; private set; }
    public Rank? RuleRank { get; private set; }
    public Guid? RuleUnitId { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private MessageGroup() { }

    public GroupRule? Rule => RuleType is { } type ? new GroupRule(type, RuleRank, RuleUnitId) : null;

    public static MessageGroup Create(Guid organizationId, string name, string description, GroupKind kind, GroupRule? rule, Guid createdBy, DateTimeOffset now)
    {
        if (RuleProblem(kind, rule) is { } problem) throw new ArgumentException(problem, nameof(rule));
        var group = new MessageGroup { Id = Guid.CreateVersion7(now), OrganizationId = organizationId, Kind = kind, CreatedBy = createdBy, CreatedAt = now };
        group.Describe(name, description);
        group.Follow(rule);
        return group;
    }

    public void Describe(string name, string description)
    {
        Name = name;
        NormalizedName = name.Trim().ToUpperInvariant();
        Description = description;
    }

    /// <summary>A new rule for an automatic group. Returns what is wrong, or null.</summary>
    public string? ChangeRule(GroupRule? rule)
    {
        if (RuleProblem(Kind, rule) is { } problem) return problem;
        Follow(rule);
        return null;
    }

    /// <summary>Automatic groups need a complete rule; the others take none.</summary>
    public static string? RuleProblem(GroupKind kind, GroupRule? rule) => (kind, rule) switch
    {
        (GroupKind.Automatic, null) => "An automatic group needs a rule: a rank and above, a unit and its sub-units, or all members.",
        (not GroupKind.Automatic, not null) => "Only automatic groups have a rule; open and restricted groups keep their members.",
        (_, { Type: GroupRuleType.Rank, Rank: null }) => "A rank rule names the lowest rank it includes.",
        (_, { Type: GroupRuleType.Unit, UnitId: null }) => "A unit rule names its unit.",
        _ => null,
    };

    public string? RefuseJoinOrLeave() => Kind switch
    {
        GroupKind.Open => null,
        GroupKind.Restricted => "Members of a restricted group are added and removed by those who manage members.",
        _ => "The members of an automatic group follow its rule.",
    };

    public string? RefuseManagedMembers() => Kind == GroupKind.Automatic ? "The members of an automatic group follow its rule; change the rule instead." : null;

    /// <summary>
    /// Who may create, change or delete this group: holders of units.manage or org.settings over the
    /// whole organization; a manager scoped to a unit only an automatic group of a unit in their subtree.
    /// </summary>
    public static bool MayBeManagedBy(Actor actor, GroupKind kind, GroupRule? rule, string? ruleUnitPath) =>
        actor.ScopePath is null || (kind == GroupKind.Automatic && rule?.Type == GroupRuleType.Unit && ruleUnitPath is not null && actor.Covers(ruleUnitPath));

    /// <summary>
    /// Posting needs groups.post and being in the group, or members.manage over the whole organization
    /// (an administrator may write to any group without being in it).
    /// </summary>
    public static bool MayPost(bool holdsGroupsPost, bool isInGroup, bool managesAllMembers) => managesAllMembers || (holdsGroupsPost && isInGroup);

    private void Follow(GroupRule? rule)
    {
        RuleType = rule?.Type;
        RuleRank = rule?.Type == GroupRuleType.Rank ? rule.Rank : null;
        RuleUnitId = rule?.Type == GroupRuleType.Unit ? rule.UnitId : null;
    }
}

public enum GroupRuleType
{
    /// <summary>Every active member of a rank and above ("all managers" includes admins and the owner).</summary>
    Rank,
    /// <summary>Everyone placed in a unit or its sub-units, or whose rank is scoped there.</summary>
    Unit,
    /// <summary>Every active member: the organization's contacts.</summary>
    AllMembers,
}

public sealed record GroupRule(GroupRuleType Type, Rank? Rank = null, Guid? UnitId = null);

/// <summary>Someone in an open or restricted group; removed with their membership.</summary>
public sealed class GroupMember
{
    public Guid GroupId { get; private set; }
    public Guid OrganizationId { get; private set; }
    public Guid UserId { get; private set; }
    public Guid AddedBy { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    private GroupMember() { }

    public GroupMember(MessageGroup group, Guid userId, Guid addedBy, DateTimeOffset addedAt)
    {
        GroupId = group.Id;
        OrganizationId = group.OrganizationId;
        UserId = userId;
        AddedBy = addedBy;
        AddedAt = addedAt;
    }
}
