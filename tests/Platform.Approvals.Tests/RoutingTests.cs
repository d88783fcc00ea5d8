using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Approvals.Tests;

/// <summary>Who is asked, for each kind of approver, and how N of M and ordered steps move a request on.</summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class RoutingTests(ApprovalsApiFixture service)
{
    [Fact]
    public async Task A_rank_step_asks_everyone_with_that_rank_and_tells_them_by_email_address()
    {
        var world = await World.OrganizationAsync(service);
        var finance = await world.MemberAsync("Fay", "manager");
        var otherManager = await world.MemberAsync("Max", "manager");
        var requester = await world.MemberAsync("Rita");
        await world.MemberAsync("Vic", "viewer");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager" } } });

        var request = await world.RequestAsync(requester, "order");

        Assert.Equal(new[] { finance, otherManager }.Order(), World.PendingApprovers(request).Order());
        var id = request.GetProperty("id").GetGuid();
        var requested = (await service.Requested.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(new[] { finance, otherManager }.Order(), requested.Approvers.Select(a => a.UserId!.Value).Order());
        Assert.All(requested.Approvers, a => Assert.EndsWith("@example.com", a.Email));
        Assert.Contains(requested.Approvers, a => a.FirstName == "Fay");
        Assert.Equal("Rita Tester", requested.RequesterName);
        Assert.Equal((1, 1), (requested.Step, requested.StepCount));
    }

    [Fact]
    public async Task A_custom_role_step_asks_its_holders_over_the_organization_or_over_the_requesters_unit()
    {
        var world = await World.OrganizationAsync(service);
        var sales = await world.UnitAsync("Sales");
        var support = await world.UnitAsync("Support");
        var wholeOrganization = await world.MemberAsync("Sam");
        await world.GrantRoleAsync(wholeOrganization, "senior-manager");
        var salesOnly = await world.MemberAsync("Sue");
        await world.GrantRoleAsync(salesOnly, "senior-manager", "unit", sales);
        var supportOnly = await world.MemberAsync("Sid");
        await world.GrantRoleAsync(supportOnly, "senior-manager", "unit", support);
        var requester = await world.MemberAsync("Rita", "member", null, sales);
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "senior", source = "role", role = "Senior-Manager" } } });

        var request = await world.RequestAsync(requester, "order");

        Assert.Equal(new[] { wholeOrganization, salesOnly }.Order(), World.PendingApprovers(request).Order());
    }

    [Fact]
    public async Task Unit_managers_are_found_by_walking_up_the_tree_from_the_requesters_unit()
    {
        var world = await World.OrganizationAsync(service);
        var region = await world.UnitAsync("North");
        var branch = await world.UnitAsync("Leeds", region);
        var team = await world.UnitAsync("Leeds tills", branch);
        var branchManager = await world.MemberAsync("Bea", "manager", branch);
        await world.MemberAsync("Reg", "manager", region);
        var requester = await world.MemberAsync("Rita", "member", null, team);
        var teamMate = await world.MemberAsync("Tim", "member", null, team);
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "department manager", source = "unit-managers" } } });

        var request = await world.RequestAsync(requester, "order");

        Assert.Equal([branchManager], World.PendingApprovers(request));
        Assert.DoesNotContain(teamMate, World.PendingApprovers(request));
    }

    [Fact]
    public async Task Named_people_are_asked_and_without_anyone_to_ask_the_admins_stand_in()
    {
        var world = await World.OrganizationAsync(service);
        var named = await world.MemberAsync("Nia");
        var admin = await world.MemberAsync("Ada", "admin");
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "named", source = "named-people", people = new[] { named } } } });
        await world.PolicyAsync("travel", new { steps = new[] { new { name = "unit", source = "unit-managers" } } });

        Assert.Equal([named], World.PendingApprovers(await world.RequestAsync(requester, "order")));
        var fallback = await world.RequestAsync(requester, "travel");
        Assert.Equal(new[] { world.Owner, admin }.Order(), World.PendingApprovers(fallback).Order());
    }

    [Fact]
    public async Task Two_of_three_approvals_are_needed_before_the_request_is_approved()
    {
        var world = await World.OrganizationAsync(service);
        var managers = new[] { await world.MemberAsync("Ann", "manager"), await world.MemberAsync("Ben", "manager"), await world.MemberAsync("Cy", "manager") };
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager", requiredApprovals = 2 } } });
        var id = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await world.DecideAsync(managers[0], id, "approve", "fine")).StatusCode);
        Assert.Equal("pending", (await world.GetAsync(requester, id)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await world.DecideAsync(managers[2], id, "approve")).StatusCode);

        var approved = await world.GetAsync(requester, id);
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        var decided = (await service.Decided.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(("approved", false, managers[2]), (decided.Outcome, decided.Automatic, decided.DeciderId!.Value));
        Assert.EndsWith("@example.com", decided.RequesterEmail);
        Assert.Equal("Rita", decided.RequesterFirstName);
        Assert.Equal(HttpStatusCode.Conflict, (await world.DecideAsync(managers[1], id, "approve")).StatusCode);
    }

    [Fact]
    public async Task Ordered_steps_ask_the_department_manager_first_then_the_senior_manager()
    {
        var world = await World.OrganizationAsync(service);
        var (manager, senior, requester) = await world.DepartmentThenSeniorAsync();
        var request = await world.RequestAsync(requester, "order");
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal([manager], World.PendingApprovers(request));
        // Not asked (yet), so the request is not even visible to the senior manager.
        Assert.Equal(HttpStatusCode.NotFound, (await world.DecideAsync(senior, id, "approve")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await world.DecideAsync(manager, id, "approve", "ok")).StatusCode);

        var advanced = (await service.StepAdvanced.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(("step", 2, 2), (advanced.Reason, advanced.Step, advanced.StepCount));
        Assert.Equal([senior], advanced.Approvers.Select(a => a.UserId!.Value));
        var pending = await world.As(senior).GetFromJsonAsync<JsonElement>("/pending-approvals");
        Assert.Contains(pending.GetProperty("items").EnumerateArray(), i => i.GetProperty("requestId").GetGuid() == id && i.GetProperty("stepName").GetString() == "senior manager");
        Assert.Equal(HttpStatusCode.OK, (await world.DecideAsync(senior, id, "reject", "not this quarter")).StatusCode);
        var decided = (await service.Decided.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(("rejected", "not this quarter"), (decided.Outcome, decided.Comment));
    }

    [Fact]
    public async Task Nobody_approves_their_own_request_even_holding_the_role()
    {
        var world = await World.OrganizationAsync(service);
        var requester = await world.MemberAsync("Mia", "manager");
        var colleague = await world.MemberAsync("Mo", "manager");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager" } } });
        var request = await world.RequestAsync(requester, "order");
        var id = request.GetProperty("id").GetGuid();

        Assert.Equal([colleague], World.PendingApprovers(request));
        var refused = await world.DecideAsync(requester, id, "approve");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("own request", await refused.Content.ReadAsStringAsync());
        Assert.Equal("pending", (await world.GetAsync(requester, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_small_amount_is_approved_at_once_and_says_so()
    {
        var world = await World.OrganizationAsync(service);
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "admins", source = "role", role = "admin" } }, autoApproveBelow = 100m, currency = "EUR" });

        var request = await world.RequestAsync(requester, "order", new { amount = 20m, currency = "EUR" });

        Assert.Equal("approved", request.GetProperty("state").GetString());
        var id = request.GetProperty("id").GetGuid();
        Assert.True((await service.Decided.WaitForAsync(e => e.RequestId == id)).Message.Automatic);
        Assert.Empty((await service.Requested.WaitForAsync(e => e.RequestId == id)).Message.Approvers);
    }

    [Fact]
    public async Task Every_decision_records_who_when_from_where_and_with_which_browser()
    {
        var world = await World.OrganizationAsync(service);
        var manager = await world.MemberAsync("Dan", "manager");
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager" } } });
        var id = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();
        var client = world.As(manager);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/requests/{id}/decision", new { decision = "approve", comment = "ok" })).StatusCode);

        var assignment = await service.WithDbAsync(async db => (await db.Requests.SingleAsync(r => r.Id == id)).Assignments.Single(a => a.ApproverId == manager));
        Assert.Equal(("203.0.113.7", "TestBrowser/1.0"), (assignment.ClientAddress, assignment.UserAgent));
        Assert.Equal(service.Clock.GetUtcNow(), assignment.DecidedAt!.Value, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
        var history = await world.As(requester).GetFromJsonAsync<JsonElement>($"/requests/{id}/history");
        Assert.Equal(["created", "assigned", "approved", "decided"], history.EnumerateArray().Select(h => h.GetProperty("event").GetString()));
    }
}
