using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Membership;
using Platform.Membership.Model;
using Platform.Membership.Model.Invitations;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing;

namespace Platform.Membership.Tests;

public sealed class InvitationsApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task Five_hundred_addresses_get_a_result_each_and_exactly_one_event_per_invitation()
    {
        await using var created = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var settings = await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { minimumRankToInvite = "manager", allowedEmailDomains = new[] { "example.com" } });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var members = new[] { await given.MemberAsync(org, owner, "member"), await given.MemberAsync(org, owner, "viewer") };
        var knownAccount = await given.UserAsync();
        var invitedBefore = $"before-{Guid.NewGuid():N}@example.com";
        Assert.Equal(HttpStatusCode.OK, (await InviteAsync(owner, org, [invitedBefore])).StatusCode);

        var expected = new List<(string Email, string Result)>
        {
            (EmailOf(members[0]).ToUpperInvariant(), "already-member"),
            (EmailOf(members[1]), "already-member"),
            (EmailOf(knownAccount), "invited"),
            (invitedBefore, "already-invited"),
            ("not an address", "invalid"),
            ("missing-at.example.com", "invalid"),
            ("two@@example.com", "invalid"),
            ("someone@other.org", "domain-not-allowed"),
            ("else@example.org", "domain-not-allowed"),
            (EmailOf(knownAccount).ToUpperInvariant(), "duplicate"),
        };
        var fresh = Enumerable.Range(0, 500 - expected.Count - 5).Select(i => $"new-{i}-{Guid.NewGuid():N}@Example.com").ToList();
        expected.AddRange(fresh.Select(e => (e, "invited")));
        expected.AddRange(fresh.Take(5).Select(e => (e.ToLowerInvariant(), "duplicate")));
        Assert.Equal(500, expected.Count);

        var response = await InviteAsync(owner, org, expected.Select(e => e.Email).ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var results = body.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("email").GetString()!, r.GetProperty("result").GetString()!)).ToList();
        Assert.Equal(expected, results);
        var invited = expected.Count(e => e.Result == "invited");
        Assert.Equal(invited, body.GetProperty("invited").GetInt32());
        await Eventually.TrueAsync(() => Task.FromResult(created.Count(e => e.OrganizationId == org) == invited + 1), $"{invited + 1} InvitationCreated events");
        Assert.Equal(invited + 1, await OutboxCountAsync(nameof(InvitationCreated), org));
        Assert.Equal(invited + 1, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
        var toKnown = created.Received.Single(e => e.Message.Email == EmailOf(knownAccount)).Message;
        Assert.True(toKnown.AccountKnown);
        Assert.False(created.Received.Single(e => e.Message.Email == fresh[0].ToLowerInvariant()).Message.AccountKnown);
        Assert.Equal(("member", "Org", 43), (toKnown.Rank, toKnown.OrganizationName, toKnown.Token.Length));

        Assert.Equal(HttpStatusCode.BadRequest, (await InviteAsync(owner, org, Enumerable.Range(0, 501).Select(i => $"x{i}@example.com").ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await InviteAsync(owner, org, [])).StatusCode);
    }

    [Fact]
    public async Task A_replayed_idempotency_key_answers_the_same_and_invites_nobody_again()
    {
        var (org, owner) = await given.OrganizationAsync();
        var key = Guid.NewGuid().ToString();
        string[] emails = [$"a-{Guid.NewGuid():N}@example.com", $"b-{Guid.NewGuid():N}@example.com", "bad"];

        var first = await InviteAsync(owner, org, emails, idempotencyKey: key);
        var again = await InviteAsync(owner, org, emails, idempotencyKey: key);
        var different = await InviteAsync(owner, org, [emails[0]], idempotencyKey: key);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, different.StatusCode);
        Assert.Equal("application/problem+json", different.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
        Assert.Equal(2, await OutboxCountAsync(nameof(InvitationCreated), org));
    }

    [Fact]
    public async Task Inviters_stay_below_their_rank_unit_managers_invite_nobody_and_the_organization_setting_holds()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var manager = await given.MemberAsync(org, owner, "manager");
        var unitManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);
        var member = await given.MemberAsync(org, owner, "member");
        string[] someone = [$"p-{Guid.NewGuid():N}@example.com"];

        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(manager, org, someone, rank: "admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(manager, org, someone, rank: "manager")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(unitManager, org, someone, rank: "viewer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(member, org, someone, rank: "viewer")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await InviteAsync(owner, org, someone, rank: "owner")).StatusCode);
        Assert.Equal(0, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));

        Assert.Equal(HttpStatusCode.OK, (await InviteAsync(manager, org, someone, rank: "member")).StatusCode);
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { minimumRankToInvite = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(manager, org, [$"q-{Guid.NewGuid():N}@example.com"], rank: "member")).StatusCode);
    }

    [Fact]
    public async Task The_invited_account_accepts_once_and_becomes_a_member_with_the_rank_and_units_given()
    {
        await using var created = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var person = await given.UserAsync();
        var invited = await InviteAsync(owner, org, [EmailOf(person)], rank: "manager", unitIds: [north]);
        var invitationId = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("invitationId").GetGuid();
        var token = (await created.WaitForAsync(e => e.InvitationId == invitationId)).Message.Token;

        var accepted = await AcceptAsync(person, token);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var member = await given.WithDbAsync(db => db.Members.SingleAsync(m => m.OrganizationId == org && m.UserId == person));
        Assert.Equal(Rank.Manager, member.Rank);
        Assert.Equal([north], member.Units.Select(u => u.UnitId));
        Assert.Equal(1, await OutboxCountAsync(nameof(InvitationAccepted), org));
        Assert.Equal(1, await OutboxCountAsync(nameof(MembershipGranted), org, person));

        var twice = await AcceptAsync(person, token);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("already accepted", await twice.Content.ReadAsStringAsync());
        var list = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/invitations?state=accepted");
        Assert.Equal([invitationId], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Someone_logged_in_as_another_address_cannot_accept()
    {
        var (org, owner) = await given.OrganizationAsync();
        var invitedPerson = await given.UserAsync();
        var otherPerson = await given.UserAsync();
        var token = await SeedInvitationAsync(org, owner, EmailOf(invitedPerson), DateTimeOffset.UtcNow);

        var response = await AcceptAsync(otherPerson, token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("log in as the invited address", await response.Content.ReadAsStringAsync());
        Assert.False(await given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == otherPerson)));
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(invitedPerson, token)).StatusCode);
    }

    [Fact]
    public async Task Identity_away_while_membership_does_not_know_the_caller_answers_503_with_retry_after_not_403()
    {
        // These tests host no identity (MembershipServiceFixture points membership at a closed port).
        var (org, owner) = await given.OrganizationAsync();
        var newcomer = Guid.NewGuid(); // identity's account, not yet copied into membership's directory
        var token = await SeedInvitationAsync(org, owner, EmailOf(newcomer), DateTimeOffset.UtcNow);

        var accept = await AcceptAsync(newcomer, token);
        var page = await given.Client(newcomer).GetAsync($"/invitations/accept?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, accept.StatusCode);
        Assert.NotNull(accept.Headers.RetryAfter);
        Assert.Equal("application/problem+json", accept.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.False(await given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == newcomer)));
    }

    [Fact]
    public async Task An_expired_invitation_is_shown_as_expired_and_refused()
    {
        var (org, owner) = await given.OrganizationAsync();
        var person = await given.UserAsync();
        var token = await SeedInvitationAsync(org, owner, EmailOf(person), DateTimeOffset.UtcNow.AddDays(-8));

        var response = await AcceptAsync(person, token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.False(await given.WithDbAsync(db => db.Members.AnyAsync(m => m.OrganizationId == org && m.UserId == person)));
        var list = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/invitations?state=expired");
        Assert.Equal(["expired"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()));
        Assert.Equal(0, (await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/invitations?state=pending")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_revoked_invitation_is_refused_and_a_resent_one_works_only_with_the_new_link()
    {
        await using var created = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var revokedPerson = await given.UserAsync();
        var resentPerson = await given.UserAsync();
        var revokedToken = await SeedInvitationAsync(org, owner, EmailOf(revokedPerson), DateTimeOffset.UtcNow);
        var oldToken = await SeedInvitationAsync(org, owner, EmailOf(resentPerson), DateTimeOffset.UtcNow.AddDays(-8));
        var ids = await given.WithDbAsync(db => db.Invitations.Where(i => i.OrganizationId == org).ToDictionaryAsync(i => i.Email, i => i.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await given.Client(owner).DeleteAsync($"/organizations/{org}/invitations/{ids[EmailOf(revokedPerson)]}")).StatusCode);
        var refused = await AcceptAsync(revokedPerson, revokedToken);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync());
        var notResent = await given.Client(owner).PostAsync($"/organizations/{org}/invitations/{ids[EmailOf(revokedPerson)]}/resend", null);
        Assert.Equal(HttpStatusCode.Conflict, notResent.StatusCode);
        Assert.StartsWith("No email was sent: the invitation is revoked", (await notResent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var resent = await given.Client(owner).PostAsync($"/organizations/{org}/invitations/{ids[EmailOf(resentPerson)]}/resend", null);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        var answer = await resent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", answer.GetProperty("state").GetString());
        Assert.Equal("queued", answer.GetProperty("sending").GetProperty("status").GetString());
        Assert.False((await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/invitations")).GetProperty("items")[0].TryGetProperty("sending", out _));
        var newToken = (await created.WaitForAsync(e => e.InvitationId == ids[EmailOf(resentPerson)])).Message.Token;
        Assert.Equal(HttpStatusCode.NotFound, (await AcceptAsync(resentPerson, oldToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(resentPerson, newToken)).StatusCode);
    }

    [Fact]
    public async Task Spellings_of_one_mailbox_are_one_invitation_in_its_canonical_form_and_non_mailboxes_are_invalid()
    {
        var (org, owner) = await given.OrganizationAsync();
        var local = $"ada-{Guid.NewGuid():N}";

        var response = await InviteAsync(owner, org, [$"{local}@bücher.de", $"{local.ToUpperInvariant()}@BÜCHER.de.", $"{local}@xn--bcher-kva.de",
            $"\"{local}\"@example.com", $"{local}@[192.0.2.1]"]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("result").GetString()).ToList();
        Assert.Equal(["invited", "duplicate", "duplicate", "invalid", "invalid"], results);
        Assert.Equal([$"{local}@xn--bcher-kva.de"], await given.WithDbAsync(db => db.Invitations.Where(i => i.OrganizationId == org).Select(i => i.Email).ToListAsync()));
        var again = await InviteAsync(owner, org, [$"{local}@xn--bcher-kva.de."]);
        Assert.Equal("already-invited", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("result").GetString());
    }

    private static string EmailOf(Guid userId) => $"person-{userId:N}@example.com";

    private Task<HttpResponseMessage> InviteAsync(
        Guid actor, Guid org, string[] emails, string rank = "member", Guid[]? unitIds = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/organizations/{org}/invitations") { Content = JsonContent.Create(new { emails, rank, unitIds }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return given.Client(actor).SendAsync(request);
    }

    private Task<HttpResponseMessage> AcceptAsync(Guid userId, string token) =>
        given.Client(userId).PostAsJsonAsync("/invitations/accept", new { token });

    /// <summary>An invitation written straight to the database, issued at <paramref name="issuedAt"/> for the default week.</summary>
    private Task<string> SeedInvitationAsync(Guid org, Guid inviter, string email, DateTimeOffset issuedAt) => given.WithDbAsync(async db =>
    {
        var (invitation, token) = Invitation.Issue(org, email, Rank.Member, null, [], inviter, issuedAt, TimeSpan.FromDays(7));
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return token;
    });

    private async Task<int> OutboxCountAsync(string eventName, Guid org, Guid? userId = null)
    {
        var bodies = await given.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(eventName)).Select(m => m.Body).ToListAsync());
        return bodies.Count(body => body.Contains(org.ToString()) && (userId is null || body.Contains(userId.Value.ToString())));
    }
}
