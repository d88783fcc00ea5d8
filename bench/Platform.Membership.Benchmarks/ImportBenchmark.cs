using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Membership.Benchmarks;

/// <summary>
/// Imports a generated CSV of N new people (names, rank, one of 10 units by name, a custom field) into
/// an empty organization: upload with its dry run, then commit as placeholders and wait until the
/// background worker has written every row. The outbox starts publishing the InvitationCreated events
/// meanwhile, in the same process, as it would in production.
/// </summary>
public static class ImportBenchmark
{
    public static async Task RunAsync(MembershipBench bench, int rows)
    {
        var (org, owner) = await bench.OrganizationAsync();
        var client = bench.ClientAs(owner);
        client.Timeout = TimeSpan.FromMinutes(10);
        (await client.PutAsJsonAsync($"/organizations/{org}/settings", new
        {
            minimumRankToInvite = "manager",
            allowedEmailDomains = Array.Empty<string>(),
            customFields = new[] { new { key = "techId", label = "Technician number" } },
            requireTwoFactor = false,
            adminsMayImpersonate = false,
        })).EnsureSuccessStatusCode();
        for (var u = 0; u < 10; u++)
            (await client.PostAsJsonAsync($"/organizations/{org}/units", new { name = $"Branch {u}", label = "branch" })).EnsureSuccessStatusCode();
        var csv = Generate(rows);
        Console.Error.WriteLine($"import: {rows:N0} rows, {csv.Length / 1024.0 / 1024:0.0} MiB");

        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await using var memory = new MemorySampler();
        var clock = Stopwatch.StartNew();
        var uploaded = await client.PostAsync($"/organizations/{org}/imports", new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } });
        var job = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        if (!uploaded.IsSuccessStatusCode) throw new InvalidOperationException(job.ToString());
        var dryRun = clock.Elapsed;
        var id = job.GetProperty("id").GetGuid();
        (await bench.ClientAs(owner).PostAsJsonAsync($"/organizations/{org}/imports/{id}/commit", new { mode = "placeholder" })).EnsureSuccessStatusCode();
        JsonElement state;
        do
        {
            await Task.Delay(100);
            // A fresh client each time: the gateway's tokens live a minute.
            state = await bench.ClientAs(owner).GetFromJsonAsync<JsonElement>($"/organizations/{org}/imports/{id}");
        }
        while (state.GetProperty("state").GetString() == "committing");
        var total = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await memory.DisposeAsync();

        var created = state.GetProperty("created").GetInt32();
        Console.WriteLine();
        Console.WriteLine($"## Import of {rows:N0} rows (placeholders)");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| state at the end | {state.GetProperty("state").GetString()}, {created:N0} created, {state.GetProperty("processed").GetInt32():N0} processed |");
        Console.WriteLine($"| upload + dry run (HTTP 201) | {dryRun.TotalSeconds:0.00} s |");
        Console.WriteLine($"| commit until completed | {(total - dryRun).TotalSeconds:0.00} s |");
        Console.WriteLine($"| **total** | **{total.TotalSeconds:0.00} s** |");
        Console.WriteLine($"| rows per second (total) | {rows / total.TotalSeconds:N0} |");
        Console.WriteLine($"| CPU time of this process meanwhile (service, its outbox publishing to RabbitMQ, the bench) | {cpu.TotalSeconds:0.0} s |");
        Console.WriteLine($"| peak working set of the process (service + bench) | {memory.PeakWorkingSet / 1024.0 / 1024:N0} MiB (baseline before upload {memory.BaselineWorkingSet / 1024.0 / 1024:N0} MiB) |");
        Console.WriteLine($"| peak managed heap | {memory.PeakManagedHeap / 1024.0 / 1024:N0} MiB |");
        Console.WriteLine($"| allocated during the import | {allocated / 1024.0 / 1024:N0} MiB |");
    }

    private static byte[] Generate(int rows)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var text = new StringBuilder(rows * 100);
        text.Append("email,first name,last name,rank,units,technician number\r\n");
        for (var i = 0; i < rows; i++)
            text.Append($"person{i}-{run}@example.com,First{i},Last{i},{(i % 5 == 0 ? "viewer" : "member")},Branch {i % 10},T-{i}\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
