using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Approvals.Tests;

/// <summary>Someone who is not a member yet asks to join; the organization's policy for membership.join decides.</summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed class JoinRequestTests(ApprovalsApiFixture service)
{
    [Fact]
    public async Task A_person_outside_the_organization_asks_to_join_follows_the_request_and_the_admins_decide()
    {
        var (world, admin) = await ArrangeAsync();
        var outsider = await world.PersonAsync("Otto");
        await world.SettledAsync();

        var created = await world.As(outsider).PostAsJsonAsync($"/organizations/{world.Organization}/requests",
            new { type = "membership.join", title = "Otto would like to join", subject = new { externalId = $"user={outsider};rank=member" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(admin, World.PendingApprovers(request));
        var id = request.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await world.As(outsider).GetAsync($"/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.As(outsider).GetAsync($"/requests/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.DecideAsync(admin, id, "approve")).StatusCode);
    }

    [Fact]
    public async Task An_outsider_may_ask_only_to_join_and_only_for_themselves()
    {
        var (world, _) = await ArrangeAsync();
        var outsider = await world.PersonAsync("Otto");
        var someoneElse = await world.PersonAsync("Sven");
        await world.PolicyAsync("order", new { steps = new[] { new { name = "admins", source = "role", role = "admin" } } });
        await world.SettledAsync();

        var order = await world.As(outsider).PostAsJsonAsync($"/organizations/{world.Organization}/requests", new { type = "order", title = "Free laptop" });
        var forOther = await world.As(outsider).PostAsJsonAsync($"/organizations/{world.Organization}/requests",
            new { type = "membership.join", title = "Let Sven in", subject = new { externalId = $"user={someoneElse};rank=admin" } });
        var withoutSubject = await world.As(outsider).PostAsJsonAsync($"/organizations/{world.Organization}/requests", new { type = "membership.join", title = "Me" });
        var asAdmin = await world.As(outsider).PostAsJsonAsync($"/organizations/{world.Organization}/requests",
            new { type = "membership.join", title = "Me, in charge", subject = new { externalId = $"user={outsider};rank=admin" } });

        Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forOther.StatusCode);
        Assert.Contains("subject.externalId", await forOther.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, withoutSubject.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.As(outsider).GetAsync($"/organizations/{world.Organization}/policies")).StatusCode);
    }

    [Fact]
    public async Task A_stranger_cannot_see_someone_elses_join_request()
    {
        var (world, _) = await ArrangeAsync();
        var outsider = await world.PersonAsync("Otto");
        var stranger = await world.PersonAsync("Stan");
        await world.SettledAsync();
        var created = await world.As(outsider).PostAsJsonAsync($"/organizations/{world.Organization}/requests",
            new { type = "membership.join", title = "Otto would like to join", subject = new { externalId = $"user={outsider}" } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await world.As(stranger).GetAsync($"/requests/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.As(stranger).PostAsync($"/requests/{id}/cancel", null)).StatusCode);
    }

    private async Task<(World World, Guid Admin)> ArrangeAsync()
    {
        var world = await World.OrganizationAsync(service);
        var admin = await world.MemberAsync("Ada", "admin");
        await world.SettledAsync();
        await world.PolicyAsync("membership.join", new { steps = new[] { new { name = "admins", source = "role", role = "admin" } } });
        return (world, admin);
    }
}

public sealed class JoinRequestSubjectTests
{
    private static readonly Guid Me = Guid.NewGuid();

    [Theory]
    [InlineData("user={0}", true)]
    [InlineData("user={0};rank=member;units={1}", true)]
    [InlineData("rank=Member; USER={0}", true)]
    [InlineData("user={0};rank=admin", false)]
    [InlineData("user={1}", false)]
    [InlineData("user={0};user={1}", false)]
    [InlineData("user={0};colour=blue", false)]
    [InlineData("", false)]
    public void A_join_is_for_the_requester_as_a_member(string externalId, bool allowed) =>
        Assert.Equal(allowed, Platform.Approvals.Apis.JoinRequest.IsForCaller(string.Format(externalId, Me, Guid.NewGuid()), Me));
}
