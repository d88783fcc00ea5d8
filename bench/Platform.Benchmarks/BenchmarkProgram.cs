using System.Runtime.InteropServices;
using Platform.Identity.Model;

namespace Platform.Benchmarks;

/// <summary>Entry point; see BENCHMARKS.md. Markdown results on standard output, progress on standard error.</summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        Console.Out.WriteLine($"Run at {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, "
            + $"{RuntimeInformation.OSDescription}, scenarios {string.Join(", ", options.Scenarios)}; load average {LoadAverage()}.");
        Console.Out.WriteLine();
        var scenarios = options.Scenarios.Distinct().ToList();
        if (scenarios.Contains("hash")) await HashBenchmark.RunAsync(options);
        if (scenarios.Contains("tokens")) await InternalTokenBenchmark.RunAsync();

        // login, get and approvals share one platform with identity's default hashing; keycloak needs identity restarted.
        if (scenarios.Contains("login") || scenarios.Contains("get") || scenarios.Contains("gateway") || scenarios.Contains("openid")
            || scenarios.Contains("approvals") || scenarios.Contains("console"))
        {
            await using var platform = await BenchPlatform.StartAsync(Argon2idAlgorithm.Owasp);
            await RunGuardedAsync(platform, async () =>
            {
                if (scenarios.Contains("login")) await LoginBenchmark.RunAsync(platform, options, Argon2idAlgorithm.Owasp, keycloak: false);
                if (scenarios.Contains("get")) await GetBenchmark.RunAsync(platform, options);
                if (scenarios.Contains("gateway")) await GatewayBenchmark.RunAsync(platform, options);
                if (scenarios.Contains("openid")) await OpenIdBenchmark.RunAsync(platform, options);
                if (scenarios.Contains("approvals")) await ApprovalsBenchmark.RunAsync(platform, options);
                if (scenarios.Contains("console")) await ConsoleBenchmark.RunAsync(platform);
            });
        }

        if (scenarios.Contains("keycloak"))
        {
            await using var platform = await BenchPlatform.StartAsync(Argon2idAlgorithm.Keycloak);
            await RunGuardedAsync(platform, () => LoginBenchmark.RunAsync(platform, options, Argon2idAlgorithm.Keycloak, keycloak: true));
        }

        Console.Out.WriteLine($"Load average at the end: {LoadAverage()} (other work on the machine skews every number above).");
        return 0;
    }

    /// <summary>The 1, 5 and 15 minute load averages, printed beside figures that other work on the machine skews.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    private static async Task RunGuardedAsync(BenchPlatform platform, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch
        {
            platform.MarkFailed(); // keep the services' logs
            throw;
        }
    }
}
