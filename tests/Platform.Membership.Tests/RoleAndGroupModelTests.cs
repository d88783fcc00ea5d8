using Platform.Membership.Model;
using Platform.Membership.Model.Access;
using Platform.Membership.Model.Groups;
using Platform.Membership.Model.Roles;

namespace Platform.Membership.Tests;

public sealed class RoleAndGroupModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid OrganizationId = Guid.NewGuid();

    [Theory]
    [InlineData(GrantScope.Organization, false, true)]
    [InlineData(GrantScope.Organization, true, false)]
    [InlineData(GrantScope.Unit, true, true)]
    [InlineData(GrantScope.Unit, false, false)]
    [InlineData(GrantScope.Own, false, true)]
    [InlineData(GrantScope.Own, true, false)]
    public void Only_a_unit_scope_names_a_unit_and_it_must(GrantScope scope, bool withUnit, bool valid) =>
        Assert.Equal(valid, RoleGrant.ScopeProblem(scope, withUnit ? Guid.NewGuid() : null) is null);

    [Fact]
    public void A_role_keeps_its_permissions_once_each_and_reports_only_additions()
    {
        var role = CustomRole.Define(OrganizationId, "Dispatcher", "", ["members.read", "groups.post", "members.read"], Now);
        Assert.Equal(["groups.post", "members.read"], role.Permissions);
        Assert.Equal("DISPATCHER", role.NormalizedName);
        Assert.Equal(["approvals.decide"], role.Added(["members.read", "approvals.decide"]));
        Assert.Empty(role.Added(["members.read"]));
    }

    [Theory]
    [InlineData(GrantScope.Organization, null, "role Dispatcher over the whole organization")]
    [InlineData(GrantScope.Unit, "North", "role Dispatcher over unit North and its sub-units")]
    [InlineData(GrantScope.Own, null, "role Dispatcher over own records")]
    public void Grants_are_named_with_their_scope(GrantScope scope, string? unit, string text) =>
        Assert.Equal(text, GrantScopes.Describe("role Dispatcher", scope, unit));

    public static TheoryData<GroupKind, GroupRule?, bool> Rules() => new()
    {
        { GroupKind.Open, null, true },
        { GroupKind.Restricted, null, true },
        { GroupKind.Open, new GroupRule(GroupRuleType.AllMembers), false },
        { GroupKind.Automatic, null, false },
        { GroupKind.Automatic, new GroupRule(GroupRuleType.Rank, Rank.Manager), true },
        { GroupKind.Automatic, new GroupRule(GroupRuleType.Rank), false },
        { GroupKind.Automatic, new GroupRule(GroupRuleType.Unit, UnitId: Guid.NewGuid()), true },
        { GroupKind.Automatic, new GroupRule(GroupRuleType.Unit), false },
        { GroupKind.Automatic, new GroupRule(GroupRuleType.AllMembers), true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Automatic_groups_need_a_complete_rule_and_the_others_none(GroupKind kind, GroupRule? rule, bool valid) =>
        Assert.Equal(valid, MessageGroup.RuleProblem(kind, rule) is null);

    [Theory]
    [InlineData(GroupKind.Open, true, true)]
    [InlineData(GroupKind.Restricted, false, true)]
    [InlineData(GroupKind.Automatic, false, false)]
    public void Members_join_only_open_groups_and_managers_place_people_only_where_no_rule_does(GroupKind kind, bool selfService, bool managed)
    {
        var group = MessageGroup.Create(OrganizationId, "Group", "", kind, kind == GroupKind.Automatic ? new GroupRule(GroupRuleType.AllMembers) : null, Guid.NewGuid(), Now);
        Assert.Equal(selfService, group.RefuseJoinOrLeave() is null);
        Assert.Equal(managed, group.RefuseManagedMembers() is null);
    }

    [Fact]
    public void An_automatic_group_rule_changes_only_to_another_complete_rule()
    {
        var group = MessageGroup.Create(OrganizationId, "Managers", "", GroupKind.Automatic, new GroupRule(GroupRuleType.Rank, Rank.Manager), Guid.NewGuid(), Now);
        Assert.NotNull(group.ChangeRule(null));
        Assert.Equal(Rank.Manager, group.Rule!.Rank);
        var unit = Guid.NewGuid();
        Assert.Null(group.ChangeRule(new GroupRule(GroupRuleType.Unit, Rank.Admin, unit)));
        Assert.Equal(new GroupRule(GroupRuleType.Unit, null, unit), group.Rule);
    }

    [Theory]
    [InlineData(null, GroupKind.Open, null, null, true)]
    [InlineData("/a/", GroupKind.Open, null, null, false)]
    [InlineData("/a/", GroupKind.Automatic, GroupRuleType.AllMembers, null, false)]
    [InlineData("/a/", GroupKind.Automatic, GroupRuleType.Unit, "/a/b/", true)]
    [InlineData("/a/", GroupKind.Automatic, GroupRuleType.Unit, "/a/", true)]
    [InlineData("/a/", GroupKind.Automatic, GroupRuleType.Unit, "/c/", false)]
    public void Unit_managers_manage_only_automatic_groups_of_their_own_units(string? actorScope, GroupKind kind, GroupRuleType? ruleType, string? unitPath, bool allowed)
    {
        var rule = ruleType is { } type ? new GroupRule(type, UnitId: Guid.NewGuid()) : null;
        Assert.Equal(allowed, MessageGroup.MayBeManagedBy(new Actor(Guid.NewGuid(), Rank.Manager, actorScope), kind, rule, unitPath));
    }

    [Theory]
    [InlineData(true, true, false, true)]
    [InlineData(true, false, false, false)]
    [InlineData(false, true, false, false)]
    [InlineData(false, false, true, true)]
    public void Posting_needs_groups_post_and_being_in_the_group_or_managing_all_members(bool holdsPost, bool inGroup, bool managesAll, bool allowed) =>
        Assert.Equal(allowed, MessageGroup.MayPost(holdsPost, inGroup, managesAll));

    [Theory]
    [InlineData(200, 20_000, true, true)]
    [InlineData(201, 10, false, true)]
    [InlineData(10, 20_001, true, false)]
    [InlineData(0, 10, false, true)]
    [InlineData(10, 0, true, false)]
    public void Subjects_and_bodies_are_bounded(int subjectLength, int bodyLength, bool subjectValid, bool bodyValid)
    {
        var errors = GroupPost.Validate(new string('s', subjectLength), new string('b', bodyLength));
        Assert.Equal(subjectValid, !errors.ContainsKey("subject"));
        Assert.Equal(bodyValid, !errors.ContainsKey("body"));
    }

    [Fact]
    public void A_subject_is_one_line_and_a_body_keeps_its_line_breaks()
    {
        var errors = GroupPost.Validate("Hello\r\nBcc: everyone@example.com", "Line one\nLine two\r\n\tindented");
        Assert.True(errors.ContainsKey("subject"));
        Assert.False(errors.ContainsKey("body"));
        Assert.True(GroupPost.Validate("Hi", "nul\0byte").ContainsKey("body"));
    }

    [Fact]
    public void The_last_login_only_moves_forward()
    {
        var user = DirectoryUser.FromRegistration(Guid.NewGuid(), "a@example.com", "A", "B", Now);
        Assert.Null(user.LastLoginAt);
        user.RecordLogin(Now);
        user.RecordLogin(Now.AddDays(-3));
        Assert.Equal(Now, user.LastLoginAt);
    }
}
