using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Aspire.Hosting;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// Scenario <c>approvals</c>: requests created through the gateway and routed by a policy to the organization's
/// managers, then the approvers' emails accepted by the SMTP server (maildev, which stamps each email on receipt).
/// </summary>
public static class ApprovalsBenchmark
{
    private const int Approvers = 2;

    public static async Task RunAsync(BenchPlatform platform, BenchmarkOptions options)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var users = await platform.CreateVerifiedUsersAsync(1 + Approvers);
        var requester = await platform.LogInForCookieAsync(users[0]);
        var organization = await CreateOrganizationAsync(platform, requester, run, users.Skip(1));
        var approvers = users.Skip(1).ToList();

        // Sequential first, while the SMTP sink is nearly empty: one request at a time, then its approvers' emails.
        Report.Progress($"approvals: {options.ApprovalEmails} requests one at a time, 200 ms apart, until both approvers' emails are accepted");
        var sent = new List<(string Title, DateTimeOffset At)>();
        for (var i = 0; i < options.ApprovalEmails; i++)
        {
            var title = $"Order {run}-{i:D4}";
            var at = DateTimeOffset.UtcNow;
            using var response = await CreateRequestAsync(platform, requester, organization, title);
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"request {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            sent.Add((title, at));
            await Task.Delay(200);
        }

        // maildev stamps receipt to the second only; notifications records each delivery's SMTP acceptance to the microsecond.
        var accepted = await Eventually.GetAsync(async () =>
        {
            var rows = await SentApprovalEmailsAsync(platform, run);
            return rows.Count >= sent.Count * Approvers ? rows : null;
        }, $"{sent.Count * Approvers} approval emails accepted by the SMTP server", TimeSpan.FromSeconds(120));
        var toAll = new List<double>();
        var toEach = new List<double>();
        foreach (var (title, at) in sent)
        {
            var times = accepted.Where(a => a.Text.Contains(title, StringComparison.Ordinal)).Select(a => (a.SentAt - at).TotalMilliseconds).ToList();
            if (times.Count != Approvers) throw new InvalidOperationException($"{times.Count} emails about {title}, expected {Approvers}");
            toEach.AddRange(times);
            toAll.Add(times.Max());
        }

        var latency = new MarkdownTable("requests", "emails", "p50 to each email ms", "p99 to each email ms", "p50 to all approvers ms", "p99 to all approvers ms");
        latency.Add($"{sent.Count}", $"{toEach.Count}", Fmt.Ms(Percentile(toEach, 50)), Fmt.Ms(Percentile(toEach, 99)),
            Fmt.Ms(Percentile(toAll, 50)), Fmt.Ms(Percentile(toAll, 99)));
        Report.Section("approvals: request created → approvers' emails accepted by the SMTP server", latency,
            $"POST /api/approvals/organizations/{{id}}/requests through the gateway with a session cookie, one at a time, 200 ms apart; a policy routes "
            + $"each to the organization's {Approvers} managers. Measured from just before the POST to the moment the SMTP server accepted each approver's email, as notifications' delivery log records it "
            + "(approvals' outbox → RabbitMQ → notifications → template → delivery worker → SMTP).");

        var table = new MarkdownTable("concurrency", "seconds", "created and routed", "failed", "requests/s", "p50 ms", "p99 ms");
        var cores = Environment.ProcessorCount;
        foreach (var concurrency in new[] { 1, 4 * cores })
        {
            Report.Progress($"approvals: {concurrency} clients creating requests, 2 s warm-up, {options.GetDuration.TotalSeconds:0} s measured");
            var result = await Load.RunAsync(concurrency, TimeSpan.FromSeconds(2), options.GetDuration, async (worker, _) =>
            {
                using var response = await CreateRequestAsync(platform, requester, organization, $"Load {run}-{worker}-{Guid.NewGuid():N}");
                await response.Content.LoadIntoBufferAsync();
                return response.StatusCode == HttpStatusCode.Created;
            });
            table.Add($"{concurrency}", $"{options.GetDuration.TotalSeconds:0}", $"{result.Succeeded}", $"{result.Failed}", Fmt.Rate(result.PerSecond),
                Fmt.Ms(result.Latencies.PercentileMs(50)), Fmt.Ms(result.Latencies.PercentileMs(99)));
        }

        Report.Section("approvals: requests created and routed per second", table,
            "Each 201 means the request is stored, routed to its approvers and its ApprovalRequested event is in the outbox, in one transaction. "
            + $"Closed loop through the gateway, one requester's session; {cores} cores shared with every service, the servers and this load generator.");
    }

    private static async Task<Guid> CreateOrganizationAsync(BenchPlatform platform, string owner, string run, IEnumerable<string> managers)
    {
        using var created = await SendAsync(platform, owner, HttpMethod.Post, "/api/membership/organizations", new { name = $"Bench stores {run}", slug = $"bench-{run}" });
        await Expect(created, HttpStatusCode.Created, "organization");
        var organization = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var manager in managers)
        {
            using var added = await SendAsync(platform, owner, HttpMethod.Post, $"/api/membership/organizations/{organization}/members", new { email = manager, rank = "manager" });
            await Expect(added, HttpStatusCode.Created, "manager");
        }

        // Approvals learns the organization and its managers from membership's events: wait until a policy can be
        // set and a request reaches every manager.
        var policy = new { steps = new[] { new { name = "Managers", source = "role", role = "manager", requiredApprovals = 1 } } };
        await Eventually.TrueAsync(async () =>
        {
            using var response = await SendAsync(platform, owner, HttpMethod.Put, $"/api/approvals/organizations/{organization}/policies/order", policy);
            return response.IsSuccessStatusCode;
        }, "approvals to know the organization's owner", TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(async () =>
        {
            using var response = await CreateRequestAsync(platform, owner, organization, $"Probe {run}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return response.StatusCode == HttpStatusCode.Created
                && body.GetProperty("assignments").EnumerateArray().Count(a => a.GetProperty("approverId").ValueKind == JsonValueKind.String) == Approvers;
        }, "approvals to know both managers", TimeSpan.FromSeconds(60));
        return organization;
    }

    private static async Task<List<(string Text, DateTimeOffset SentAt)>> SentApprovalEmailsAsync(BenchPlatform platform, string run)
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync("notificationsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"TextBody\", \"SentAt\" FROM \"EmailDeliveries\" WHERE \"Template\" = 'approval-requested' AND \"SentAt\" IS NOT NULL AND \"TextBody\" LIKE @pattern",
            connection);
        command.Parameters.AddWithValue("pattern", $"%Order {run}-%");
        var rows = new List<(string, DateTimeOffset)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return rows;
    }

    private static Task<HttpResponseMessage> CreateRequestAsync(BenchPlatform platform, string cookie, Guid organization, string title) =>
        SendAsync(platform, cookie, HttpMethod.Post, $"/api/approvals/organizations/{organization}/requests",
            new { type = "order", title, summary = "Two crates of apples for the Saturday market", amount = 42.5m, currency = "EUR" });

    private static Task<HttpResponseMessage> SendAsync(BenchPlatform platform, string cookie, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return platform.Gateway.SendAsync(request);
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
