using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Approvals.Application;

namespace Platform.Approvals.Tests;

/// <summary>Steps past their deadline escalate by the policy (next step, then the admins) and finally expire; time is moved, never waited for.</summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class ExpiryTests(ApprovalsApiFixture service)
{
    [Fact]
    public async Task An_unanswered_step_escalates_to_the_next_then_to_the_admins_then_the_request_expires()
    {
        var world = await World.OrganizationAsync(service);
        var (manager, senior, requester) = await world.DepartmentThenSeniorAsync(60 * 24 * 7);
        var created = await world.RequestAsync(requester, "order");
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(service.Clock.GetUtcNow().AddDays(7), created.GetProperty("stepDeadline").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));

        service.Clock.Advance(TimeSpan.FromDays(6));
        await SweepAsync();
        Assert.Equal([manager], World.PendingApprovers(await world.GetAsync(requester, id)));

        service.Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync();
        await PendingAsync(world, requester, id, senior);
        var escalated = (await service.StepAdvanced.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(("escalated", 2), (escalated.Reason, escalated.Step));

        service.Clock.Advance(TimeSpan.FromDays(7));
        await SweepAsync();
        await PendingAsync(world, requester, id, world.Owner);
        await Eventually.TrueAsync(() => Task.FromResult(service.StepAdvanced.Count(e => e.RequestId == id && e.Approvers.Any(a => a.UserId == world.Owner)) == 1), "the escalation to the admins");

        service.Clock.Advance(TimeSpan.FromDays(7));
        await SweepAsync();
        await Eventually.TrueAsync(async () => (await world.GetAsync(requester, id)).GetProperty("state").GetString() == "expired", "the request to expire");
        var expired = await world.GetAsync(requester, id);
        Assert.Equal("expired", expired.GetProperty("state").GetString());
        var published = (await service.Expired.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(("Rita", requester), (published.RequesterFirstName, published.RequesterId));
        var history = await world.As(requester).GetFromJsonAsync<JsonElement>($"/requests/{id}/history");
        Assert.Equal(2, history.EnumerateArray().Count(h => h.GetProperty("event").GetString() == "escalated"));
        Assert.Equal("expired", history.EnumerateArray().Last().GetProperty("event").GetString());
    }

    [Fact]
    public async Task The_background_job_expires_on_the_services_clock_without_escalation_when_the_policy_says_none()
    {
        var world = await World.OrganizationAsync(service);
        await world.MemberAsync("Max", "manager");
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager" } }, stepExpiryMinutes = 30, escalation = "none" });
        var id = (await world.RequestAsync(requester, "order")).GetProperty("id").GetGuid();

        // The worker's timer runs on the fake clock: moving it past the sweep interval wakes it.
        service.Clock.Advance(TimeSpan.FromHours(1));

        await Eventually.TrueAsync(async () => (await world.GetAsync(requester, id)).GetProperty("state").GetString() == "expired", "the worker to expire the request");
        await service.Expired.WaitForAsync(e => e.RequestId == id);
    }

    /// <summary>The worker (woken by the clock) and the test's own sweep may both be at it: wait for whichever commits.</summary>
    private static Task PendingAsync(World world, Guid requester, Guid id, Guid approver) =>
        Eventually.TrueAsync(async () => World.PendingApprovers(await world.GetAsync(requester, id)).SequenceEqual([approver]), $"{approver} to be asked");

    private async Task SweepAsync()
    {
        await using var scope = service.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpirySweep>().RunAsync(CancellationToken.None);
    }
}
