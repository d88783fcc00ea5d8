using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Approvals;
using Platform.Testing;

namespace Platform.Membership.Tests;

/// <summary>
/// Joining by name, up to the moment membership hands the request to approvals: who finds an organization by its
/// slug, who may ask, what is refused. The request itself, approved and granted, is walked end to end through the
/// gateway (Platform.EndToEnd.Tests, JoinByNameFlowTests); here approvals is away, so asking answers 503.
/// </summary>
public sealed class JoinRequestsApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task An_organization_is_found_by_its_slug_only_once_it_is_open_to_join_requests()
    {
        var (org, owner) = await given.OrganizationAsync();
        var slug = (await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}")).GetProperty("slug").GetString()!;
        var outsider = given.Client(await given.UserAsync("Otto"));

        var closed = await outsider.GetAsync($"/organizations/by-slug/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/organizations/{slug}/join-requests", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).GetAsync($"/organizations/by-slug/{slug}")).StatusCode); // its members find it

        Assert.Equal(HttpStatusCode.OK, (await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { openToJoinRequests = true })).StatusCode);

        var found = await outsider.GetFromJsonAsync<JsonElement>($"/organizations/by-slug/{slug.ToUpperInvariant()}");
        Assert.Equal(org, found.GetProperty("id").GetGuid());
        Assert.Equal("Org", found.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, found.GetProperty("myRank").ValueKind);
        Assert.False(found.TryGetProperty("contactEmail", out _)); // nothing beyond its name
        Assert.True((await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}")).GetProperty("openToJoinRequests").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/organizations/by-slug/no-such-organization-anywhere")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/organizations/by-slug/%3Cscript%3E")).StatusCode);
    }

    [Fact]
    public async Task Members_units_of_other_organizations_and_long_messages_are_refused_before_approvals_is_asked()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { openToJoinRequests = true });
        var (other, otherOwner) = await given.OrganizationAsync();
        var foreignUnit = await given.UnitAsync(other, otherOwner, "Elsewhere");
        var units = new List<Guid>();
        for (var i = 0; i < 4; i++) units.Add(await given.UnitAsync(org, owner, $"Group {i}"));
        var member = await given.MemberAsync(org, owner, "member");
        var outsider = given.Client(await given.UserAsync("Otto"));

        var asMember = await given.Client(member).PostAsJsonAsync($"/organizations/{org}/join-requests", new { });
        Assert.Equal(HttpStatusCode.Conflict, asMember.StatusCode);
        Assert.Contains("already a member", await asMember.Content.ReadAsStringAsync());

        await AssertInvalidAsync(outsider, org, new { unitIds = new[] { foreignUnit } }, "unitIds");
        await AssertInvalidAsync(outsider, org, new { unitIds = units }, "unitIds");
        await AssertInvalidAsync(outsider, org, new { message = new string('x', 2001) }, "message");
        Assert.Equal(HttpStatusCode.BadRequest, (await outsider.PostAsync($"/organizations/{org}/join-requests",
            new StringContent("{\"unitIds\": 7}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        await given.Client(owner).PostAsync($"/organizations/{org}/members/{member}/suspend", null);
        var suspended = await given.Client(member).PostAsJsonAsync($"/organizations/{org}/join-requests", new { });
        Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);
    }

    [Fact]
    public async Task While_approvals_is_away_asking_answers_503_with_Retry_After_and_the_person_is_not_a_member()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { openToJoinRequests = true });
        var outsiderId = await given.UserAsync("Otto");

        var asked = await given.Client(outsiderId).PostAsJsonAsync($"/organizations/{org}/join-requests", new { message = "We live next door." });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, asked.StatusCode);
        Assert.NotNull(asked.Headers.RetryAfter);
        Assert.Equal("application/problem+json", asked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await given.Client(owner).GetAsync($"/organizations/{org}/members/{outsiderId}")).StatusCode);
    }

    [Fact]
    public async Task While_an_earlier_request_to_join_is_pending_asking_again_is_a_409_naming_it_until_approvals_concludes_it()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { openToJoinRequests = true });
        var person = await given.UserAsync("Otto");
        var asker = given.Client(person);

        // A 503 (approvals away in this suite) files nothing, so it leaves nothing pending: the next ask is a 503 again, not a 409.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await asker.PostAsJsonAsync($"/organizations/{org}/join-requests", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await asker.PostAsJsonAsync($"/organizations/{org}/join-requests", new { })).StatusCode);

        foreach (var conclude in new Func<Guid, object>[]
        {
            id => new ApprovalDecided(org, id, Subject(person), "rejected", false, owner, null, null, person, "otto@example.com", "Otto", DateTimeOffset.UtcNow),
            id => new ApprovalExpired(org, id, Subject(person), person, "otto@example.com", "Otto", DateTimeOffset.UtcNow),
            id => new ApprovalCancelled(org, id, Subject(person), owner, DateTimeOffset.UtcNow),
        })
        {
            // As membership leaves a request it filed with approvals (which does not run in this suite).
            var requestId = Guid.NewGuid();
            await given.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "PendingJoinRequests" ("Id", "OrganizationId", "UserId", "RequestId", "ClaimedAt") VALUES ({Guid.NewGuid()}, {org}, {person}, {requestId}, {DateTimeOffset.UtcNow})"""));

            var again = await asker.PostAsJsonAsync($"/organizations/{org}/join-requests", new { message = "Once more." });

            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal($"/api/approvals/requests/{requestId}", again.Headers.Location?.OriginalString);
            var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(requestId, problem.GetProperty("requestId").GetGuid());
            Assert.Contains(requestId.ToString(), problem.GetProperty("detail").GetString());
            Assert.Equal(requestId, await given.WithDbAsync(db => db.PendingJoinRequests.Where(r => r.UserId == person).Select(r => r.RequestId).SingleAsync()));

            var message = conclude(requestId);
            await service.Bus.PublishAsync(message, NewId.NextGuid());
            await Eventually.TrueAsync(async () => (await asker.PostAsJsonAsync($"/organizations/{org}/join-requests", new { })).StatusCode == HttpStatusCode.ServiceUnavailable,
                $"{message.GetType().Name} to let the person ask again");
        }
    }

    private static ApprovalSubject Subject(Guid person) => new("membership.join", "Otto asks to join Org", null, $"user={person};rank=member", null, null, null);

    private static async Task AssertInvalidAsync(HttpClient caller, Guid org, object body, string field)
    {
        var refused = await caller.PostAsJsonAsync($"/organizations/{org}/join-requests", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), field);
    }
}
