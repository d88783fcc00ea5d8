using Platform.Contracts.Identity;

namespace Platform.Approvals.Tests;

/// <summary>A name changed in identity is the name approvals' events (and so the approval emails) carry from then on.</summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class ProfileChangeTests(ApprovalsApiFixture service)
{
    [Fact]
    public async Task A_renamed_requester_and_approver_are_named_anew_in_the_next_request()
    {
        var acme = await World.OrganizationAsync(service);
        var requester = await acme.MemberAsync("Rita");
        var manager = await acme.MemberAsync("Max", "manager");
        await acme.SettledAsync();
        await acme.PolicyAsync("order", new { steps = new[] { new { name = "managers", source = "role", role = "manager" } } });

        var now = DateTimeOffset.UtcNow;
        await acme.PublishAsync(new UserProfileChanged(requester, "Margarita", "Newname", now.AddSeconds(1)));
        await acme.PublishAsync(new UserProfileChanged(manager, "Maximilian", "Renamed", now.AddSeconds(1)));
        await acme.PublishAsync(new UserProfileChanged(requester, "Older", "Change", now));
        await acme.SettledAsync();
        var id = (await acme.RequestAsync(requester, "order")).GetProperty("id").GetGuid();

        var requested = (await service.Requested.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal("Margarita Newname", requested.RequesterName);
        Assert.Equal("Maximilian", Assert.Single(requested.Approvers).FirstName);
    }
}
