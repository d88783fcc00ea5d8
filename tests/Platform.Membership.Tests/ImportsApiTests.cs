using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Membership;
using Platform.Membership.Application;
using Platform.Membership.Model;
using Platform.Membership.Model.Imports;
using Platform.Membership.Model.Invitations;
using Platform.Testing;

namespace Platform.Membership.Tests;

public sealed class ImportsApiTests(MembershipServiceFixture service) : IClassFixture<MembershipServiceFixture>
{
    private readonly Scenario given = new(service);

    [Fact]
    public async Task The_dry_run_gives_a_verdict_per_row_and_totals_and_changes_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { customFields = new[] { new { key = "techId", label = "Technician number" } } });
        var north = await given.UnitAsync(org, owner, "North");
        var member = await given.MemberAsync(org, owner, "member");
        var fresh = Email("fresh");

        var upload = await UploadAsync(owner, org,
            "Email,First name,Last name,Role,Units,Technician number",
            $"{fresh},Ann,Lee,,North,T-1",
            $"{fresh.ToUpperInvariant()},Ann,Again,,,",
            "not-an-address,,,,,",
            $"{Email("x")},,,boss,,",
            $"{Email("y")},,,,Nowhere,",
            $"{Email("z")},,,owner,,",
            $"{EmailOf(member)},,,manager,{north},T-9");

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var job = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("previewed", job.GetProperty("state").GetString());
        Assert.Equal("field:techId", job.GetProperty("mapping").GetProperty("Technician number").GetString());
        Assert.Equal((7, 2, 0, 5), (job.GetProperty("totalRows").GetInt32(), job.GetProperty("ready").GetInt32(), job.GetProperty("toSkip").GetInt32(), job.GetProperty("errors").GetInt32()));
        var rows = await RowsAsync(owner, org, job);
        Assert.Equal(["new", "duplicate", "invalid-email", "unknown-rank", "unknown-unit", "rank-not-allowed", "update"], rows.Select(r => r.GetProperty("verdict").GetString()));
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal([north], rows[0].GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()));
        Assert.Contains("Nowhere", rows[4].GetProperty("detail").GetString());
        var errors = await given.Client(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/imports/{Id(job)}/rows?verdict=error");
        Assert.Equal(5, errors.GetProperty("total").GetInt32());

        Assert.Equal(0, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
        Assert.Equal(Rank.Member, await given.WithDbAsync(db => db.Members.Where(m => m.UserId == member && m.OrganizationId == org).Select(m => m.Rank).SingleAsync()));
    }

    [Fact]
    public async Task Committing_creates_placeholders_without_email_updates_members_and_a_rerun_duplicates_nothing()
    {
        await using var invited = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { customFields = new[] { new { key = "techId", label = "Tech" } } });
        var north = await given.UnitAsync(org, owner, "North");
        var member = await given.MemberAsync(org, owner, "member");
        var (a, b) = (Email("a"), Email("b"));
        string[] file =
        [
            "email,first name,last name,rank,units,tech",
            $"{a},Ann,Lee,viewer,North,T-1",
            $"{b},Bo,Kim,,,",
            $"{EmailOf(member)},,,manager,North,T-9",
            "broken,,,,,",
        ];

        var job = await UploadedAsync(owner, org, file);
        var committed = await CommitAsync(owner, org, job, "placeholder");
        Assert.Equal(HttpStatusCode.Accepted, committed.StatusCode);
        var done = await CompletedAsync(owner, org, job);

        Assert.Equal((3, 3, 2, 1, 0), (done.GetProperty("toProcess").GetInt32(), done.GetProperty("processed").GetInt32(),
            done.GetProperty("created").GetInt32(), done.GetProperty("updated").GetInt32(), done.GetProperty("skipped").GetInt32()));
        var invitations = await given.WithDbAsync(db => db.Invitations.Where(i => i.OrganizationId == org).OrderBy(i => i.Email).ToListAsync());
        Assert.Equal([a, b], invitations.Select(i => i.Email));
        Assert.Equal((Rank.Viewer, north, "T-1", "Ann"), (invitations[0].Rank, invitations[0].UnitIds.Single(), invitations[0].CustomFields["techId"], invitations[0].FirstName));
        Assert.Equal(Rank.Member, invitations[1].Rank);
        var placeholder = (await invited.WaitForAsync(e => e.Email == a)).Message;
        Assert.False(placeholder.SendEmail);
        Assert.Equal(("Ann", "Lee", "viewer"), (placeholder.FirstName, placeholder.LastName, placeholder.Rank));
        var updated = await given.WithDbAsync(db => db.Members.SingleAsync(m => m.OrganizationId == org && m.UserId == member));
        Assert.Equal((Rank.Manager, north, "T-9"), (updated.Rank, updated.Units.Single().UnitId, updated.CustomFields["techId"]));

        var rerun = await UploadedAsync(owner, org, file);
        var rows = await RowsAsync(owner, org, rerun);
        Assert.Equal(["already-invited", "already-invited", "already-member", "invalid-email"], rows.Select(r => r.GetProperty("verdict").GetString()));
        Assert.Equal(HttpStatusCode.Accepted, (await CommitAsync(owner, org, rerun, "invite")).StatusCode);
        var second = await CompletedAsync(owner, org, rerun);
        Assert.Equal((0, 0), (second.GetProperty("created").GetInt32(), second.GetProperty("updated").GetInt32()));
        Assert.Equal(2, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
        Assert.Equal(2, await OutboxCountAsync(nameof(InvitationCreated), org));
        Assert.Equal(1, await OutboxCountAsync(nameof(MembershipRoleChanged), org, member));
        Assert.Equal(HttpStatusCode.Conflict, (await CommitAsync(owner, org, rerun, "invite")).StatusCode);
    }

    [Fact]
    public async Task Invite_mode_sends_invitations_that_can_be_accepted_with_the_imported_fields()
    {
        await using var invited = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        await given.Client(owner).PatchMergeAsync($"/organizations/{org}/settings", new { customFields = new[] { new { key = "code", label = "Branch code" } } });
        var person = await given.UserAsync();

        var job = await UploadedAsync(owner, org, "email,branch code", $"{EmailOf(person)},B-7");
        await CommitAsync(owner, org, job, "invite");
        await CompletedAsync(owner, org, job);

        var message = (await invited.WaitForAsync(e => e.Email == EmailOf(person))).Message;
        Assert.True(message.SendEmail);
        Assert.True(message.AccountKnown);
        Assert.Equal(HttpStatusCode.OK, (await given.Client(person).PostAsJsonAsync("/invitations/accept", new { token = message.Token })).StatusCode);
        var member = await given.WithDbAsync(db => db.Members.SingleAsync(m => m.OrganizationId == org && m.UserId == person));
        Assert.Equal("B-7", member.CustomFields["code"]);
    }

    [Fact]
    public async Task A_language_column_becomes_the_invitations_language_and_an_unknown_one_is_a_row_error_in_the_preview()
    {
        await using var invited = await EventCollector<InvitationCreated>.StartAsync(service.Context.Servers.RabbitMq, service.Context.MessagingPrefix);
        var (org, owner) = await given.OrganizationAsync();
        var (german, french) = (Email("german"), Email("french"));

        // "Sprache" is not a header the automatic mapping knows; the admin maps it by hand.
        var job = await UploadedAsync(owner, org, "email,Sprache", $"{german},de", $"{french},fr");
        var mapping = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/imports/{job}/mapping", new { columns = new Dictionary<string, string> { ["Sprache"] = "language" }, rank = "member" });
        Assert.Equal(HttpStatusCode.OK, mapping.StatusCode);
        var rows = await RowsAsync(owner, org, job);
        Assert.Equal(["new", "unknown-language"], rows.Select(r => r.GetProperty("verdict").GetString()));
        Assert.Equal("de", rows[0].GetProperty("language").GetString());
        Assert.Equal("Row 2, column 'Sprache': 'fr' is not a language; use en or de, or leave the cell empty for English.", rows[1].GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await CommitAsync(owner, org, job, "invite")).StatusCode);
        await CompletedAsync(owner, org, job);

        Assert.Equal("de", (await invited.WaitForAsync(e => e.Email == german)).Message.Language);
        Assert.Equal("de", await given.WithDbAsync(db => db.Invitations.Where(i => i.Email == german).Select(i => i.Language).SingleAsync()));
        Assert.Equal(0, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.Email == french)));
    }

    [Fact]
    public async Task A_file_full_of_bad_rows_commits_nothing()
    {
        var (org, owner) = await given.OrganizationAsync();
        var job = await UploadedAsync(owner, org, "email,rank,units", "nope,,", $"{Email("r")},emperor,", $"{Email("u")},,Atlantis", ",,", $"{Email("o")},owner,");

        var preview = await GetAsync(owner, org, job);
        Assert.Equal((5, 0, 5), (preview.GetProperty("totalRows").GetInt32(), preview.GetProperty("ready").GetInt32(), preview.GetProperty("errors").GetInt32()));
        Assert.Equal(HttpStatusCode.Accepted, (await CommitAsync(owner, org, job, "placeholder")).StatusCode);
        var done = await CompletedAsync(owner, org, job);

        Assert.Equal((0, 0), (done.GetProperty("toProcess").GetInt32(), done.GetProperty("created").GetInt32()));
        Assert.Equal(0, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
    }

    [Fact]
    public async Task Bad_files_get_problems_that_say_what_is_wrong()
    {
        var (org, owner) = await given.OrganizationAsync();
        var client = given.Client(owner);

        var tooLarge = await client.PostAsync($"/organizations/{org}/imports", new ByteArrayContent(new byte[ImportOptions.DefaultMaxFileBytes + 1])
        {
            Headers = { ContentType = new("text/csv") },
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Contains("26,214,400 bytes", await tooLarge.Content.ReadAsStringAsync());

        var unclosed = await UploadAsync(owner, org, "email,name", "a@example.com,\"Ann");
        Assert.Equal(HttpStatusCode.BadRequest, unclosed.StatusCode);
        Assert.Contains("Line 2", await unclosed.Content.ReadAsStringAsync());
        var latin1 = await client.PostAsync($"/organizations/{org}/imports", new ByteArrayContent([.. "email\n"u8, 0xE9, (byte)'\n']) { Headers = { ContentType = new("text/csv") } });
        Assert.Equal(HttpStatusCode.BadRequest, latin1.StatusCode);
        Assert.Contains("UTF-8", await latin1.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsJsonAsync($"/organizations/{org}/imports", new { email = "a@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await UploadAsync(owner, org, ["email", "a@example.com"], rank: "owner")).StatusCode);
        Assert.Equal(0, await given.WithDbAsync(db => db.ImportJobs.CountAsync(j => j.OrganizationId == org)));
    }

    [Fact]
    public async Task Columns_that_are_not_recognised_are_mapped_by_hand_before_committing()
    {
        var (org, owner) = await given.OrganizationAsync();
        var job = await UploadedAsync(owner, org, "Login,Given", $"{Email("m")},Mo");
        var preview = await GetAsync(owner, org, job);
        Assert.Contains("No column is mapped to email", preview.GetProperty("mappingProblem").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await CommitAsync(owner, org, job, "placeholder")).StatusCode);

        var wrong = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/imports/{job}/mapping", new { columns = new Dictionary<string, string> { ["Nope"] = "email" }, rank = "member" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("columns.Nope", out _));
        // PUT replaces the mapping: a field left out is refused by name, neither kept nor reset.
        var partial = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/imports/{job}/mapping", new { columns = new Dictionary<string, string> { ["Login"] = "email" } });
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        Assert.Equal(["rank"], (await partial.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var empty = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/imports/{job}/mapping", new { });
        Assert.Equal(["columns", "rank"], (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("No column is mapped to email", (await GetAsync(owner, org, job)).GetProperty("mappingProblem").GetString());
        var mapped = await given.Client(owner).PutAsJsonAsync($"/organizations/{org}/imports/{job}/mapping",
            new { columns = new Dictionary<string, string> { ["Login"] = "email", ["Given"] = "firstName" }, rank = "viewer" });
        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        var rows = await RowsAsync(owner, org, await mapped.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(("new", "Mo", "viewer"), (rows[0].GetProperty("verdict").GetString(), rows[0].GetProperty("firstName").GetString(), rows[0].GetProperty("rank").GetString()));
    }

    [Fact]
    public async Task A_repeated_idempotency_key_answers_with_the_first_import()
    {
        var (org, owner) = await given.OrganizationAsync();
        var key = Guid.NewGuid().ToString();
        var email = Email("k");
        var first = await UploadAsync(owner, org, ["email", email], idempotencyKey: key);
        var again = await UploadAsync(owner, org, ["email", email], idempotencyKey: key);
        var other = await UploadAsync(owner, org, ["email", Email("other")], idempotencyKey: key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Id(await first.Content.ReadFromJsonAsync<JsonElement>()), Id(await again.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(1, await given.WithDbAsync(db => db.ImportJobs.CountAsync(j => j.OrganizationId == org)));
    }

    [Fact]
    public async Task Members_cannot_import_and_managers_import_only_below_their_rank()
    {
        var (org, owner) = await given.OrganizationAsync();
        var north = await given.UnitAsync(org, owner, "North");
        var member = await given.MemberAsync(org, owner, "member");
        var manager = await given.MemberAsync(org, owner, "manager");
        var unitManager = await given.MemberAsync(org, owner, "manager", scopeUnitId: north, unitIds: [north]);
        var inNorth = await given.MemberAsync(org, owner, "viewer", unitIds: [north]);

        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(member, org, "email", Email("m"))).StatusCode);
        var byManager = await UploadedAsync(manager, org, "email,rank", $"{Email("m1")},member", $"{Email("m2")},manager", $"{Email("m3")},admin");
        Assert.Equal(["new", "rank-not-allowed", "rank-not-allowed"], (await RowsAsync(manager, org, byManager)).Select(r => r.GetProperty("verdict").GetString()));
        var byUnitManager = await UploadedAsync(unitManager, org, "email,rank", $"{EmailOf(inNorth)},member", $"{EmailOf(member)},viewer", $"{Email("u1")},viewer");
        Assert.Equal(["update", "not-allowed", "not-allowed"], (await RowsAsync(unitManager, org, byUnitManager)).Select(r => r.GetProperty("verdict").GetString()));
        // Someone else's import is committed by its uploader or by an owner or admin, not by a peer.
        Assert.Equal(HttpStatusCode.Forbidden, (await CommitAsync(unitManager, org, byManager, "placeholder")).StatusCode);
    }

    [Fact]
    public async Task Another_organizations_imports_are_not_found_on_every_endpoint()
    {
        var (org, owner) = await given.OrganizationAsync();
        var (otherOrg, otherOwner) = await given.OrganizationAsync();
        var job = await UploadedAsync(owner, org, "email", Email("t"));
        var outsider = given.Client(otherOwner);

        foreach (var response in await AllEndpointsAsync(outsider, org, job))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Their own organization's path does not reach it either.
        foreach (var response in (await AllEndpointsAsync(outsider, otherOrg, job)).Skip(2))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("previewed", (await GetAsync(owner, org, job)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_committed_import_left_by_a_dead_worker_is_taken_over_where_it_stopped()
    {
        var (org, owner) = await given.OrganizationAsync();
        var lines = Enumerable.Range(0, 30).Select(i => Email($"resume{i}")).ToArray();
        var job = await UploadedAsync(owner, org, ["email", .. lines]);
        // As if a worker committed rows 1 to 10 (their invitations exist) and its process died holding the lease.
        await given.WithDbAsync(async db =>
        {
            var stored = await db.ImportJobs.SingleAsync(j => j.Id == job);
            stored.Commit(ImportMode.Placeholder, new Platform.Membership.Model.Access.Actor(owner, Rank.Owner, null), DateTimeOffset.UtcNow);
            stored.Advance(10, 10, 10, 0, 0, DateTimeOffset.UtcNow.AddSeconds(-1));
            foreach (var email in lines.Take(10))
                db.Invitations.Add(Invitation.Issue(org, email, Rank.Member, null, [], owner, DateTimeOffset.UtcNow, TimeSpan.FromDays(7)).Invitation);
            return await db.SaveChangesAsync();
        });
        service.Host.Services.GetRequiredService<ImportSignal>().Notify();

        var done = await CompletedAsync(owner, org, job);

        Assert.Equal((30, 30, 0), (done.GetProperty("processed").GetInt32(), done.GetProperty("created").GetInt32(), done.GetProperty("skipped").GetInt32()));
        Assert.Equal(30, await given.WithDbAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == org)));
        Assert.Equal(20, await OutboxCountAsync(nameof(InvitationCreated), org));
    }

    private async Task<List<HttpResponseMessage>> AllEndpointsAsync(HttpClient client, Guid org, Guid job) =>
    [
        await client.PostAsync($"/organizations/{org}/imports", new StringContent("email\nx@example.com", Encoding.UTF8, "text/csv")),
        await client.GetAsync($"/organizations/{org}/imports"),
        await client.GetAsync($"/organizations/{org}/imports/{job}"),
        await client.GetAsync($"/organizations/{org}/imports/{job}/rows"),
        await client.PutAsJsonAsync($"/organizations/{org}/imports/{job}/mapping", new { columns = new Dictionary<string, string> { ["email"] = "email" }, rank = "member" }),
        await client.PostAsJsonAsync($"/organizations/{org}/imports/{job}/commit", new { mode = "invite" }),
    ];

    private static string Email(string prefix) => $"{prefix}-{Guid.NewGuid():N}@example.com";

    private static string EmailOf(Guid userId) => $"person-{userId:N}@example.com";

    private static Guid Id(JsonElement job) => job.GetProperty("id").GetGuid();

    private Task<HttpResponseMessage> UploadAsync(Guid actor, Guid org, params string[] lines) => UploadAsync(actor, org, lines, null, null);

    private Task<HttpResponseMessage> UploadAsync(Guid actor, Guid org, string[] lines, string? rank = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/organizations/{org}/imports{(rank is null ? "" : $"?rank={rank}")}")
        {
            Content = new StringContent(string.Join("\r\n", lines), Encoding.UTF8, "text/csv"),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return given.Client(actor).SendAsync(request);
    }

    private async Task<Guid> UploadedAsync(Guid actor, Guid org, params string[] lines)
    {
        var response = await UploadAsync(actor, org, lines, null, null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Id(await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private Task<HttpResponseMessage> CommitAsync(Guid actor, Guid org, Guid job, string mode) =>
        given.Client(actor).PostAsJsonAsync($"/organizations/{org}/imports/{job}/commit", new { mode });

    private Task<JsonElement> GetAsync(Guid actor, Guid org, Guid job) =>
        given.Client(actor).GetFromJsonAsync<JsonElement>($"/organizations/{org}/imports/{job}");

    private Task<JsonElement> CompletedAsync(Guid actor, Guid org, Guid job) =>
        Eventually.GetValueAsync(async () =>
        {
            var state = await GetAsync(actor, org, job);
            return state.GetProperty("state").GetString() is "completed" or "failed" ? state : (JsonElement?)null;
        }, "the import to finish");

    private Task<List<JsonElement>> RowsAsync(Guid actor, Guid org, JsonElement job) => RowsAsync(actor, org, Id(job));

    private async Task<List<JsonElement>> RowsAsync(Guid actor, Guid org, Guid job) =>
        (await given.Client(actor).GetFromJsonAsync<JsonElement>($"/organizations/{org}/imports/{job}/rows?pageSize=500"))
            .GetProperty("items").EnumerateArray().ToList();

    private async Task<int> OutboxCountAsync(string eventName, Guid org, Guid? userId = null)
    {
        var bodies = await given.WithDbAsync(db => db.Set<Platform.ServiceDefaults.Messaging.OutboxMessage>()
            .Where(m => m.MessageType.Contains("." + eventName + ",")).Select(m => m.Body).ToListAsync());
        return bodies.Count(body => body.Contains(org.ToString()) && (userId is null || body.Contains(userId.Value.ToString())));
    }
}
