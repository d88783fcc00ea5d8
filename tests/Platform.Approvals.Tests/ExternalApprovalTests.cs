using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Approvals.Model.External;

namespace Platform.Approvals.Tests;

/// <summary>
/// The external approver's one-time link: shown once, decided once with the nonce of that view,
/// refused when expired, tampered with or replaced; nominations outside the allowed domains refused.
/// </summary>
[Collection(ApprovalsApiCollection.Name)]
public sealed partial class ExternalApprovalTests(ApprovalsApiFixture service)
{
    [Fact]
    public async Task The_first_view_shows_the_request_and_uses_the_link_up_and_the_nonce_decides_once()
    {
        var (world, requester, id, token) = await NominateAsync();
        var anonymous = service.Host.CreateClient();
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("ExternalBrowser/2.0");
        anonymous.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.9");

        var first = await anonymous.GetAsync($"/external/{token}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("&lt;b&gt;Laptop&lt;/b&gt; &amp; dock", page);
        Assert.DoesNotContain("<b>Laptop</b>", page);
        Assert.Contains("Acme Stores", page);
        AssertProtected(first);
        var nonce = Nonce(page);

        var second = await anonymous.GetAsync($"/external/{token}");
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("used already", await second.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Laptop", await second.Content.ReadAsStringAsync());
        AssertProtected(second);

        Assert.Equal(HttpStatusCode.BadRequest, (await Post(anonymous, token, "forged-nonce-value", "approve")).StatusCode);
        var decided = await Post(anonymous, token, nonce, "approve", "Looks right");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        AssertProtected(decided);
        // The request is decided and the nonce spent: a second post changes nothing.
        Assert.Equal(HttpStatusCode.Gone, (await Post(anonymous, token, nonce, "reject")).StatusCode);

        var request = await world.GetAsync(requester, id);
        Assert.Equal("approved", request.GetProperty("state").GetString());
        Assert.Equal(1, service.Decided.Count(e => e.RequestId == id));
        var outcome = (await service.Decided.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal((null, "boss@client.example", "Looks right"), (outcome.DeciderId, outcome.DeciderEmail, outcome.Comment));
        var assignment = await service.WithDbAsync(async db => (await db.Requests.SingleAsync(r => r.Id == id)).Assignments.Single());
        Assert.Equal(("boss@client.example", "198.51.100.9", "ExternalBrowser/2.0"), (assignment.ExternalEmail, assignment.ClientAddress, assignment.UserAgent));
        var history = await world.As(requester).GetFromJsonAsync<JsonElement>($"/requests/{id}/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("event").GetString() == "viewed");
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored_and_the_token_carries_at_least_128_bits()
    {
        var (_, _, id, token) = await NominateAsync();
        var link = await service.WithDbAsync(db => db.ExternalLinks.SingleAsync(l => l.RequestId == id));
        Assert.Equal(ExternalApprovalLink.Hash(token), link.TokenHash);
        Assert.True(token.Length * 6 >= 128);
        var all = await service.WithDbAsync(async db => string.Join(" ", await db.Database.SqlQueryRaw<string>("SELECT row_to_json(l)::text AS \"Value\" FROM \"ExternalLinks\" l").ToListAsync()));
        Assert.DoesNotContain(token, all);
    }

    [Fact]
    public async Task Two_simultaneous_first_views_show_the_form_only_once()
    {
        var (_, _, id, token) = await NominateAsync();
        var views = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => service.Host.CreateClient().GetAsync($"/external/{token}")));

        Assert.Single(views, v => v.StatusCode == HttpStatusCode.OK);
        Assert.All(views.Where(v => v.StatusCode != HttpStatusCode.OK), v => Assert.Equal(HttpStatusCode.Gone, v.StatusCode));
    }

    [Fact]
    public async Task An_external_second_step_gets_its_link_when_the_first_step_is_approved()
    {
        var world = await World.OrganizationAsync(service);
        var manager = await world.MemberAsync("Max", "manager");
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new
        {
            steps = new object[] { new { name = "manager", source = "role", role = "manager" }, new { name = "client", source = "external-nominee" } },
            requesterMayNominate = true, externalDomains = new[] { "client.example" },
        });
        var id = (await world.RequestAsync(requester, "order", new { externalNominee = "buyer@client.example" })).GetProperty("id").GetGuid();
        Assert.Equal(0, service.LinkIssued.Count(e => e.RequestId == id));

        Assert.Equal(HttpStatusCode.OK, (await world.DecideAsync(manager, id, "approve")).StatusCode);

        var link = (await service.LinkIssued.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal("buyer@client.example", link.Email);
        var anonymous = service.Host.CreateClient();
        var nonce = Nonce(await anonymous.GetStringAsync($"/external/{link.Token}"));
        Assert.Equal(HttpStatusCode.OK, (await Post(anonymous, link.Token, nonce, "approve")).StatusCode);
        Assert.Equal("approved", (await world.GetAsync(requester, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_tampered_token_and_an_expired_link_are_refused_and_change_nothing()
    {
        var (world, requester, id, token) = await NominateAsync(expiryMinutes: 60);
        var anonymous = service.Host.CreateClient();
        var tampered = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/external/{tampered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/external/short")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(anonymous, tampered, "x", "approve")).StatusCode);

        service.Clock.Advance(TimeSpan.FromMinutes(61));
        var expired = await anonymous.GetAsync($"/external/{token}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.DoesNotContain("name=\"nonce\"", await expired.Content.ReadAsStringAsync());
        Assert.Null((await service.WithDbAsync(db => db.ExternalLinks.SingleAsync(l => l.RequestId == id))).ViewedAt);
    }

    [Fact]
    public async Task The_form_expires_after_30_minutes()
    {
        var (world, requester, id, token) = await NominateAsync();
        var anonymous = service.Host.CreateClient();
        var nonce = Nonce(await anonymous.GetStringAsync($"/external/{token}"));

        service.Clock.Advance(TimeSpan.FromMinutes(31));

        var late = await Post(anonymous, token, nonce, "approve");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync());
        Assert.Equal("pending", (await world.GetAsync(requester, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_new_link_from_the_requester_voids_the_old_one()
    {
        var (world, requester, id, token) = await NominateAsync();
        var anonymous = service.Host.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await world.As(world.Owner).PostAsync($"/requests/{id}/external-link", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.As(requester).PostAsync($"/requests/{id}/external-link", null)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(service.LinkIssued.Count(e => e.RequestId == id) == 2), "the second link");
        var fresh = service.LinkIssued.Received.Select(c => c.Message).Last(e => e.RequestId == id).Token;

        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync($"/external/{token}")).StatusCode);
        var page = await anonymous.GetAsync($"/external/{fresh}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(anonymous, fresh, Nonce(await page.Content.ReadAsStringAsync()), "reject", "No")).StatusCode);
        Assert.Equal("rejected", (await world.GetAsync(requester, id)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_requester_or_a_member_cannot_be_nominated_as_the_external_approver()
    {
        var world = await World.OrganizationAsync(service);
        var requester = await world.MemberAsync("Rita");
        var colleague = await world.MemberAsync("Carl");
        await world.SettledAsync();
        await world.PolicyAsync("order", new
        {
            steps = new[] { new { name = "buyer", source = "external-nominee" } }, requesterMayNominate = true, externalDomains = new[] { "example.com" },
        });

        foreach (var insider in new[] { requester, colleague })
        {
            var refused = await world.RequestAsync(requester, "order", new { externalNominee = $"{(insider == requester ? "rita" : "carl")}-{insider:N}@example.com" }, HttpStatusCode.BadRequest);
            Assert.Contains("outside the organization", refused.GetProperty("errors").GetProperty("externalNominee")[0].GetString());
        }

        await world.RequestAsync(requester, "order", new { externalNominee = $"buyer-{Guid.NewGuid():N}@example.com" });
    }

    [Fact]
    public async Task A_nominee_is_held_in_the_canonical_form_and_what_is_no_mailbox_or_an_insiders_other_spelling_is_refused()
    {
        var world = await World.OrganizationAsync(service);
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new
        {
            steps = new[] { new { name = "buyer", source = "external-nominee" } }, requesterMayNominate = true, externalDomains = new[] { "example.com" },
        });
        var buyer = $"buyer-{Guid.NewGuid():N}";

        var request = await world.RequestAsync(requester, "order", new { externalNominee = $"  {buyer.ToUpperInvariant()}@Example.COM. " });
        Assert.Equal($"{buyer}@example.com", request.GetProperty("externalNominee").GetString());

        foreach (var notAMailbox in new[] { $"\"{buyer}\"@example.com", $"{buyer}@[192.0.2.1]", $"Buyer <{buyer}@example.com>" })
        {
            var refused = await world.RequestAsync(requester, "order", new { externalNominee = notAMailbox }, HttpStatusCode.BadRequest);
            Assert.True(refused.GetProperty("errors").TryGetProperty("externalNominee", out _), notAMailbox);
        }

        var insider = await world.RequestAsync(requester, "order", new { externalNominee = $"RITA-{requester:N}@example.com." }, HttpStatusCode.BadRequest);
        Assert.Contains("outside the organization", insider.GetProperty("errors").GetProperty("externalNominee")[0].GetString());
    }

    [Fact]
    public async Task A_nominee_outside_the_allowed_domains_or_where_nominating_is_not_allowed_is_refused_at_nomination()
    {
        var world = await World.OrganizationAsync(service);
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new
        {
            steps = new[] { new { name = "buyer", source = "external-nominee" } }, requesterMayNominate = true, externalDomains = new[] { "client.example" },
        });
        await world.PolicyAsync("internal", new { steps = new[] { new { name = "admins", source = "role", role = "admin" } } });

        var outside = await world.RequestAsync(requester, "order", new { externalNominee = "boss@client.example.evil" }, HttpStatusCode.BadRequest);
        Assert.Contains("outside the domains", outside.GetProperty("errors").GetProperty("externalNominee")[0].GetString());
        await world.RequestAsync(requester, "order", new { externalNominee = "boss@sub.client.example" }, HttpStatusCode.BadRequest);
        await world.RequestAsync(requester, "order", expected: HttpStatusCode.BadRequest);
        await world.RequestAsync(requester, "internal", new { externalNominee = "boss@client.example" }, HttpStatusCode.BadRequest);
        Assert.Equal(0, await service.WithDbAsync(db => db.Requests.CountAsync(r => r.RequesterId == requester)));
        Assert.Equal(0, await service.WithDbAsync(db => db.ExternalLinks.CountAsync(l => l.Email.EndsWith(".evil") || l.Email.EndsWith("@sub.client.example"))));
    }

    [Fact]
    public async Task The_external_pages_are_open_to_anonymous_callers_but_nothing_else_is()
    {
        var anonymous = service.Host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/external/{new string('a', 43)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/requests/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/pending-approvals")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/organizations/{Guid.NewGuid()}/requests", new { })).StatusCode);
    }

    private async Task<(World World, Guid Requester, Guid RequestId, string Token)> NominateAsync(int expiryMinutes = 60 * 24)
    {
        var world = await World.OrganizationAsync(service);
        var requester = await world.MemberAsync("Rita");
        await world.SettledAsync();
        await world.PolicyAsync("order", new
        {
            steps = new[] { new { name = "buyer", source = "external-nominee" } }, requesterMayNominate = true,
            externalDomains = new[] { "client.example" }, stepExpiryMinutes = expiryMinutes,
        });
        var created = await world.RequestAsync(requester, "order", new { title = "<b>Laptop</b> & dock", externalNominee = "Boss@Client.Example" });
        var id = created.GetProperty("id").GetGuid();
        var issued = (await service.LinkIssued.WaitForAsync(e => e.RequestId == id)).Message;
        Assert.Equal(("boss@client.example", "Acme Stores", "Rita Tester"), (issued.Email, issued.OrganizationName, issued.RequesterName));
        Assert.Empty((await service.Requested.WaitForAsync(e => e.RequestId == id)).Message.Approvers);
        return (world, requester, id, issued.Token);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string token, string nonce, string decision, string? comment = null) =>
        client.PostAsync($"/external/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["nonce"] = nonce, ["decision"] = decision, ["comment"] = comment ?? "",
        }));

    private static string Nonce(string page) => NoncePattern().Match(page) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException("no nonce in the page");

    private static void AssertProtected(HttpResponseMessage response)
    {
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("name=\"nonce\" value=\"([^\"]+)\"")]
    private static partial Regex NoncePattern();
}
