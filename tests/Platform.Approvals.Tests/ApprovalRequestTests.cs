using Platform.Approvals.Model.Requests;

namespace Platform.Approvals.Tests;

public sealed class ApprovalRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Organization = Guid.NewGuid();
    private static readonly Guid Requester = Guid.NewGuid();
    private static readonly Guid DepartmentManager = Guid.NewGuid();
    private static readonly Guid SecondManager = Guid.NewGuid();
    private static readonly Guid SeniorManager = Guid.NewGuid();
    private static readonly Guid Admin = Guid.NewGuid();

    private readonly FakeDirectory directory = new();

    public ApprovalRequestTests()
    {
        directory.UnitManagers.AddRange([DepartmentManager, SecondManager]);
        directory.RoleHolders["senior-manager"] = [SeniorManager];
        directory.Admins.Add(Admin);
    }

    [Fact]
    public void Unit_managers_are_asked_first_and_one_approval_advances_to_the_senior_manager()
    {
        var request = Submit(TwoSteps());

        Assert.Equal([DepartmentManager, SecondManager], Pending(request));
        Assert.Null(request.Decide(ApproverRef.Member(DepartmentManager), approve: true, "ok", Now, directory));

        Assert.Equal(1, request.CurrentStep);
        Assert.Equal([SeniorManager], Pending(request));
        Assert.Null(request.Decide(ApproverRef.Member(SeniorManager), approve: true, null, Now, directory));
        Assert.Equal(RequestState.Approved, request.State);
        Assert.Contains(request.History, h => h.Event == "step-advanced");
    }

    [Fact]
    public void A_step_needing_two_of_three_waits_for_the_second_approval()
    {
        directory.UnitManagers.Add(Guid.NewGuid());
        var request = Submit(new ApprovalPolicy(Organization, "order", [new PolicyStep("managers", ApproverSource.UnitManagers, RequiredApprovals: 2)]));

        request.Decide(ApproverRef.Member(DepartmentManager), true, null, Now, directory);
        Assert.Equal(RequestState.Pending, request.State);
        request.Decide(ApproverRef.Member(SecondManager), true, null, Now, directory);
        Assert.Equal(RequestState.Approved, request.State);
        Assert.Empty(request.PendingAssignments);
    }

    [Fact]
    public void Every_change_raises_the_revision_and_numbers_its_history_in_order()
    {
        var request = Submit(TwoSteps());
        var revision = request.Revision;
        request.Decide(ApproverRef.Member(DepartmentManager), true, "ok", Now, directory, new DecisionOrigin("203.0.113.1", "Browser"));

        Assert.True(request.Revision > revision);
        Assert.Equal(Enumerable.Range(1, request.History.Count), request.History.Select(h => h.Sequence));
        var decided = request.Assignments.Single(a => a.ApproverId == DepartmentManager);
        Assert.Equal(("203.0.113.1", "Browser", "ok"), (decided.ClientAddress, decided.UserAgent, decided.Comment));
    }

    [Fact]
    public void One_rejection_ends_the_request()
    {
        var request = Submit(TwoSteps());
        Assert.Null(request.Decide(ApproverRef.Member(SecondManager), approve: false, "too expensive", Now, directory));
        Assert.Equal(RequestState.Rejected, request.State);
        Assert.NotNull(request.Decide(ApproverRef.Member(DepartmentManager), true, null, Now, directory));
    }

    [Fact]
    public void Nobody_approves_their_own_request_even_when_they_hold_the_role()
    {
        directory.UnitManagers.Add(Requester);
        var request = Submit(TwoSteps());

        Assert.DoesNotContain(Requester, Pending(request));
        Assert.Equal("Nobody approves their own request.", request.Decide(ApproverRef.Member(Requester), true, null, Now, directory));
    }

    [Fact]
    public void Someone_not_asked_cannot_decide() =>
        Assert.NotNull(Submit(TwoSteps()).Decide(ApproverRef.Member(SeniorManager), true, null, Now, directory));

    [Fact]
    public void Without_anyone_in_the_role_the_admins_stand_in()
    {
        directory.UnitManagers.Clear();
        var request = Submit(TwoSteps());
        Assert.Equal([Admin], Pending(request));
    }

    [Fact]
    public void Small_amounts_are_approved_automatically()
    {
        var policy = TwoSteps() with { AutoApproveBelow = 100m, Currency = "EUR" };
        Assert.Equal(RequestState.Approved, Submit(policy, new RequestDraft("Paper", Amount: 99.99m, Currency: "EUR")).State);
        Assert.Equal(RequestState.Pending, Submit(policy, new RequestDraft("Printer", Amount: 100m, Currency: "EUR")).State);
        Assert.Equal(RequestState.Pending, Submit(policy, new RequestDraft("Paper", Amount: 50m, Currency: "USD")).State);
    }

    [Fact]
    public void An_expired_step_escalates_to_the_next_then_to_the_admins_then_expires()
    {
        var request = Submit(TwoSteps() with { StepExpiry = TimeSpan.FromDays(7) });

        Assert.False(request.ExpireIfDue(Now.AddDays(6), directory));
        Assert.True(request.ExpireIfDue(Now.AddDays(7), directory));
        Assert.Equal([SeniorManager], Pending(request));
        Assert.True(request.ExpireIfDue(Now.AddDays(14), directory));
        Assert.Equal([Admin], Pending(request));
        Assert.True(request.ExpireIfDue(Now.AddDays(21), directory));
        Assert.Equal(RequestState.Expired, request.State);
        Assert.Equal(2, request.History.Count(h => h.Event == "escalated"));
    }

    [Fact]
    public void Without_escalation_an_expired_step_expires_the_request()
    {
        var request = Submit(TwoSteps() with { Escalation = Escalation.None });
        request.ExpireIfDue(Now.AddDays(7), directory);
        Assert.Equal(RequestState.Expired, request.State);
    }

    [Fact]
    public void A_deactivated_approver_is_replaced_so_the_step_is_never_left_without_one()
    {
        var request = Submit(new ApprovalPolicy(Organization, "order", [new PolicyStep("named", ApproverSource.NamedPeople, People: [DepartmentManager])]));
        directory.Named = []; // the named approver left the organization

        Assert.True(request.Reassign(DepartmentManager, directory, Now));

        Assert.Equal([Admin], Pending(request));
        Assert.Contains(request.History, h => h.Event == "reassigned");
    }

    [Fact]
    public void An_external_approver_must_be_at_an_allowed_domain()
    {
        var policy = new ApprovalPolicy(Organization, "order", [new PolicyStep("buyer", ApproverSource.ExternalNominee)],
            ExternalDomains: ["client.example"], RequesterMayNominate: true);

        var (refused, problem) = ApprovalRequest.Submit(policy, new RequestDraft("Order", ExternalNominee: "boss@elsewhere.example"), Requester, directory, Now);
        Assert.Null(refused);
        Assert.Equal("externalNominee", problem!.Field);
        Assert.Contains("outside the domains", problem.Reason);

        var request = Submit(policy, new RequestDraft("Order", ExternalNominee: "Boss@Client.Example"));
        Assert.Single(request.PendingAssignments, a => a.ExternalEmail == "boss@client.example");
        Assert.Null(request.Decide(ApproverRef.External("boss@client.example"), true, null, Now, directory));
        Assert.Equal(RequestState.Approved, request.State);
    }

    [Fact]
    public void Only_the_requester_cancels_and_only_while_pending()
    {
        var request = Submit(TwoSteps());
        Assert.NotNull(request.Cancel(DepartmentManager, Now));
        Assert.Null(request.Cancel(Requester, Now));
        Assert.Equal(RequestState.Cancelled, request.State);
        Assert.NotNull(request.Cancel(Requester, Now));
    }

    [Fact]
    public void Policies_say_what_is_wrong_with_them()
    {
        Assert.Contains(new ApprovalPolicy(Organization, "order", []).Problems(), p => p.Contains("at least one step"));
        Assert.Contains(new ApprovalPolicy(Organization, "order", [new PolicyStep("x", ApproverSource.Role)]).Problems(), p => p.Contains("role"));
        Assert.Contains(new ApprovalPolicy(Organization, "order", [new PolicyStep("x", ApproverSource.ExternalNominee)]).Problems(), p => p.Contains("nominate"));
        Assert.Empty(TwoSteps().Problems());
    }

    [Fact]
    public void A_request_that_nobody_but_its_requester_could_decide_is_refused()
    {
        directory.Admins.Clear();
        directory.Admins.Add(Requester); // the requester is the only admin, and nobody holds the role
        var policy = new ApprovalPolicy(Organization, "order", [new PolicyStep("buyers", ApproverSource.Role, Role: "buyer")]);

        var (refused, problem) = ApprovalRequest.Submit(policy, new RequestDraft("Order"), Requester, directory, Now);

        Assert.Null(refused);
        Assert.Equal("type", problem!.Field);
        Assert.Contains("finds 0 besides you", problem.Reason);
    }

    private static ApprovalPolicy TwoSteps() => new(Organization, "order",
        [new PolicyStep("department manager", ApproverSource.UnitManagers), new PolicyStep("senior manager", ApproverSource.Role, Role: "senior-manager")]);

    private ApprovalRequest Submit(ApprovalPolicy policy, RequestDraft? draft = null)
    {
        var (request, problem) = ApprovalRequest.Submit(policy, draft ?? new RequestDraft("New laptop", Amount: 1200m, Currency: "EUR"), Requester, directory, Now);
        Assert.Null(problem);
        return request!;
    }

    private static List<Guid> Pending(ApprovalRequest request) => request.PendingAssignments.Select(a => a.ApproverId!.Value).ToList();

    /// <summary>Stands in for approvals' projection of membership in these model tests.</summary>
    private sealed class FakeDirectory : IApproverResolver
    {
        public List<Guid> UnitManagers { get; } = [];
        public Dictionary<string, List<Guid>> RoleHolders { get; } = [];
        public List<Guid> Admins { get; } = [];
        public List<Guid>? Named { get; set; }

        public IReadOnlyList<ApproverRef> Resolve(PolicyStep step, Guid organizationId, Guid requesterId) => step.Source switch
        {
            ApproverSource.UnitManagers => UnitManagers.Select(ApproverRef.Member).ToList(),
            ApproverSource.Role => (RoleHolders.GetValueOrDefault(step.Role!) ?? []).Select(ApproverRef.Member).ToList(),
            ApproverSource.NamedPeople => (Named ?? step.People!.ToList()).Select(ApproverRef.Member).ToList(),
            _ => [],
        };

        public IReadOnlyList<ApproverRef> OrganizationAdmins(Guid organizationId) => Admins.Select(ApproverRef.Member).ToList();
    }
}
