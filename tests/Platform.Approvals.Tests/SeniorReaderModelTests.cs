using Platform.Approvals.Model.Directory;

namespace Platform.Approvals.Tests;

/// <summary>Who reads every request of an organization, on the directory copies alone.</summary>
public sealed class SeniorReaderModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("owner", false, true)]
    [InlineData("admin", false, true)]
    [InlineData("manager", false, true)]
    [InlineData("manager", true, false)]
    [InlineData("member", false, false)]
    [InlineData("viewer", false, false)]
    public void Owners_admins_and_managers_without_a_unit_read_every_request(string rank, bool scoped, bool readsAll)
    {
        var member = MemberCopy.Unknown(Guid.NewGuid(), Guid.NewGuid());
        member.Grant(rank, scoped ? Guid.NewGuid() : null, T0);

        Assert.Equal(readsAll, member.ReadsEveryRequest);
    }

    [Fact]
    public void A_role_reads_requests_by_its_newest_permissions_and_an_older_list_changes_nothing()
    {
        var role = RoleCopy.Unknown(Guid.NewGuid(), Guid.NewGuid());
        role.LearnPermissions(["approvals.read", "members.read"], T0.AddMinutes(2));
        role.LearnPermissions(["members.read"], T0.AddMinutes(1));
        Assert.True(role.ReadsRequests);

        role.LearnPermissions(["approvals.decide"], T0.AddMinutes(3));
        Assert.False(role.ReadsRequests);
    }
}
