using System.Diagnostics;
using System.Net.Http.Headers;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Authentication;
using Platform.Testing;

namespace Platform.Membership.Benchmarks;

/// <summary>
/// GET /authorization/check with N memberships loaded (COPY): 10,000 organizations of N/10,000
/// members each; every account belongs to 4 organizations; per organization 1 owner, 2 admins, 7
/// managers, 70 members, 20 viewers (of 100). Each check asks about the caller themselves in one of
/// their organizations, for a permission their rank holds or not (then the role grants are queried
/// too), through the whole ASP.NET pipeline (token validation included), in process.
/// </summary>
public static class AuthorizationBenchmark
{
    private const int Organizations = 10_000;
    private static readonly string[] PermissionsAsked = ["members.read", "members.invite", "approvals.decide", "units.manage"];

    public static async Task RunAsync(MembershipBench bench, int memberships, int checks)
    {
        var perOrganization = Math.Max(1, memberships / Organizations);
        var usersPerSlot = Organizations / 4;
        var organizationIds = Enumerable.Range(0, Organizations).Select(_ => Guid.CreateVersion7()).ToArray();
        var userIds = Enumerable.Range(0, perOrganization * usersPerSlot).Select(_ => Guid.CreateVersion7()).ToArray();
        Guid UserOf(int organization, int slot) => userIds[slot * usersPerSlot + organization % usersPerSlot];

        var clock = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(bench.ConnectionString))
        {
            await connection.OpenAsync();
            await CopyAsync(connection, organizationIds, userIds, perOrganization, UserOf);
        }

        var loaded = clock.Elapsed;
        Console.Error.WriteLine($"authz: {Organizations * perOrganization:N0} memberships loaded in {loaded.TotalSeconds:0.0} s");

        var random = new Random(42);
        var questions = Enumerable.Range(0, 2_000).Select(_ =>
        {
            var organization = random.Next(Organizations);
            var user = UserOf(organization, random.Next(perOrganization));
            return (User: user, Url: $"/authorization/check?organizationId={organizationIds[organization]}&permission={PermissionsAsked[random.Next(PermissionsAsked.Length)]}");
        }).ToArray();

        Console.WriteLine();
        Console.WriteLine($"## Authorization check with {Organizations * perOrganization:N0} memberships");
        Console.WriteLine();
        Console.WriteLine($"Loaded with COPY in {loaded.TotalSeconds:0.0} s ({Organizations:N0} organizations, {userIds.Length:N0} accounts, {Organizations * perOrganization:N0} memberships), then ANALYZE.");
        Console.WriteLine();
        Console.WriteLine("| concurrent callers | checks | per second | p50 | p90 | p99 | max | CPU per check (process) | allowed |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var client = bench.Host.CreateClient();
        await MeasureAsync(client, questions, 1, Math.Min(2_000, checks), print: false);
        foreach (var callers in new[] { 1, 4 }) await MeasureAsync(client, questions, callers, checks, print: true);
        await ExplainAsync(bench, organizationIds[17], UserOf(17, 42));
    }

    /// <summary>The plans and database times of the check's two lookups, for one member: index scans, a fraction of a millisecond.</summary>
    private static async Task ExplainAsync(MembershipBench bench, Guid organization, Guid user)
    {
        await using var connection = new NpgsqlConnection(bench.ConnectionString);
        await connection.OpenAsync();
        Console.WriteLine();
        foreach (var (what, sql) in new[]
        {
            ("membership with its organization", """SELECT m."Rank", m."State", m."ScopeUnitId", o."State" FROM "Members" m JOIN "Organizations" o ON o."Id" = m."OrganizationId" WHERE m."OrganizationId" = $1 AND m."UserId" = $2"""),
            ("role grants of the person there", """SELECT g."Scope", r."Name", r."Permissions" FROM "RoleGrants" g JOIN "CustomRoles" r ON r."Id" = g."RoleId" WHERE g."OrganizationId" = $1 AND g."UserId" = $2"""),
        })
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, COSTS OFF) " + sql, connection) { Parameters = { new() { Value = organization }, new() { Value = user } } };
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            Console.WriteLine($"Plan of the {what} (EXPLAIN ANALYZE):");
            Console.WriteLine();
            Console.WriteLine("```");
            plan.ForEach(Console.WriteLine);
            Console.WriteLine("```");
            Console.WriteLine();
        }
    }

    private static async Task MeasureAsync(HttpClient client, (Guid User, string Url)[] questions, int callers, int checks, bool print)
    {
        // Tokens live a minute, as the gateway's do: each caller mints them before its clock starts and renews them every 30 s.
        var tokens = new System.Collections.Concurrent.ConcurrentDictionary<Guid, (string Token, DateTime Minted)>();
        string TokenOf(Guid user) => tokens.AddOrUpdate(user, u => (TestKeys.TokenFor(new InternalIdentity(u)), DateTime.UtcNow),
            (u, held) => DateTime.UtcNow - held.Minted < TimeSpan.FromSeconds(30) ? held : (TestKeys.TokenFor(new InternalIdentity(u)), DateTime.UtcNow)).Token;
        var latencies = new double[checks];
        var allowed = 0;
        var next = -1;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < checks)
            {
                var (user, url) = questions[index % questions.Length];
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenOf(user));
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {(int)response.StatusCode} {body}");
                if (body.Contains("\"allowed\":true", StringComparison.Ordinal)) Interlocked.Increment(ref allowed);
            }
        })));
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (!print) return;
        Array.Sort(latencies);
        double At(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine($"| {callers} | {checks:N0} | {checks / elapsed.TotalSeconds:N0} | {At(0.50):0.00} ms | {At(0.90):0.00} ms | **{At(0.99):0.00} ms** | {latencies[^1]:0.0} ms | {cpu.TotalMilliseconds / checks:0.00} ms | {allowed * 100.0 / checks:0}% |");
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Guid[] organizations, Guid[] users, int perOrganization, Func<int, int, Guid> userOf)
    {
        var now = DateTimeOffset.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "DirectoryUsers" ("Id", "Email", "FirstName", "LastName", "RegisteredAt", "EmailVerified", "AccountState") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var i = 0; i < users.Length; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(users[i], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"user{i}@example.com", NpgsqlDbType.Varchar);
                await writer.WriteAsync("User", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"Number {i}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                await writer.WriteAsync("active", NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "Organizations" ("Id", "Name", "Slug", "State", "OwnerId", "MinimumRankToInvite", "AllowedEmailDomains", "CreatedAt", "RequireTwoFactor", "AdminsMayImpersonate") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var o = 0; o < organizations.Length; o++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(organizations[o], NpgsqlDbType.Uuid);
                await writer.WriteAsync($"Organization {o}", NpgsqlDbType.Varchar);
                await writer.WriteAsync($"bench-org-{o}", NpgsqlDbType.Varchar);
                await writer.WriteAsync("Active", NpgsqlDbType.Varchar);
                await writer.WriteAsync(userOf(o, 0), NpgsqlDbType.Uuid);
                await writer.WriteAsync("Manager", NpgsqlDbType.Varchar);
                await writer.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            """COPY "Members" ("Id", "OrganizationId", "UserId", "Rank", "State", "CustomFields", "JoinedAt") FROM STDIN (FORMAT BINARY)"""))
        {
            for (var o = 0; o < organizations.Length; o++)
            {
                for (var slot = 0; slot < perOrganization; slot++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync(organizations[o], NpgsqlDbType.Uuid);
                    await writer.WriteAsync(userOf(o, slot), NpgsqlDbType.Uuid);
                    await writer.WriteAsync(RankOf(slot * 100 / perOrganization), NpgsqlDbType.Varchar);
                    await writer.WriteAsync("Active", NpgsqlDbType.Varchar);
                    await writer.WriteAsync("{}", NpgsqlDbType.Jsonb);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("""ANALYZE "DirectoryUsers"; ANALYZE "Organizations"; ANALYZE "Members"; ANALYZE "RoleGrants";""", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static string RankOf(int percent) => percent switch
    {
        0 => "Owner",
        < 3 => "Admin",
        < 10 => "Manager",
        < 80 => "Member",
        _ => "Viewer",
    };
}
