using System.Net;

namespace Platform.Benchmarks;

/// <summary>Scenario <c>get</c>: an authenticated read through the gateway (session cookie -> Redis -> internal token -> identity -> PostgreSQL).</summary>
public static class GetBenchmark
{
    public static async Task RunAsync(BenchPlatform platform, BenchmarkOptions options)
    {
        var cores = Environment.ProcessorCount;
        int[] levels = [1, 2 * cores, 8 * cores];
        var users = await platform.CreateVerifiedUsersAsync(Math.Min(levels[^1], 8));
        var cookies = new List<string>();
        for (var i = 0; i < levels[^1]; i++) cookies.Add(await platform.LogInForCookieAsync(users[i % users.Count]));

        var table = new MarkdownTable("concurrency", "seconds", "succeeded", "failed", "requests/s", "p50 ms", "p99 ms");
        foreach (var concurrency in levels)
        {
            Report.Progress($"GET /api/identity/account: {concurrency} clients, 2 s warm-up, {options.GetDuration.TotalSeconds:0} s measured");
            var result = await Load.RunAsync(concurrency, TimeSpan.FromSeconds(2), options.GetDuration, async (worker, _) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/account");
                request.Headers.Add("Cookie", cookies[worker]);
                using var response = await platform.Gateway.SendAsync(request);
                await response.Content.LoadIntoBufferAsync();
                return response.StatusCode == HttpStatusCode.OK;
            });
            table.Add($"{concurrency}", $"{options.GetDuration.TotalSeconds:0}", $"{result.Succeeded}", $"{result.Failed}", Fmt.Rate(result.PerSecond),
                Fmt.Ms(result.Latencies.PercentileMs(50)), Fmt.Ms(result.Latencies.PercentileMs(99)));
        }

        Report.Section("get: an authenticated GET through the gateway", table,
            $"GET /api/identity/account with a session cookie; each client has its own session. Closed loop, {cores} cores shared with every "
            + "service, the servers and this load generator.");
    }
}
