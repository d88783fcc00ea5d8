using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>Durations and sizes; the defaults keep <c>all</c> under about five minutes on two cores.</summary>
public sealed class BenchmarkOptions
{
    public List<string> Scenarios { get; } = [];
    public TimeSpan HashSingleThread { get; set; } = TimeSpan.FromSeconds(4);
    public TimeSpan HashParallel { get; set; } = TimeSpan.FromSeconds(4);
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan GetDuration { get; set; } = TimeSpan.FromSeconds(6);
    public int UsersPerWorker { get; set; } = 2;
    public int ApprovalEmails { get; set; } = 50;

    /// <summary>Logins run with twice as many concurrent clients as cores, so a core never waits for I/O.</summary>
    public static int LoginConcurrency => 2 * Environment.ProcessorCount;

    public const string Usage =
        "usage: dotnet run -c Release --project bench/Platform.Benchmarks -- <hash|tokens|login|keycloak|get|gateway|openid|approvals|console|all>... "
        + "[--duration s] [--warmup s] [--get-duration s] [--hash-seconds s] [--users-per-worker n] [--approval-emails n]";

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--duration": options.Duration = Seconds(args[++i]); break;
                case "--warmup": options.Warmup = Seconds(args[++i]); break;
                case "--get-duration": options.GetDuration = Seconds(args[++i]); break;
                case "--hash-seconds": options.HashSingleThread = options.HashParallel = Seconds(args[++i]); break;
                case "--users-per-worker": options.UsersPerWorker = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--approval-emails": options.ApprovalEmails = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "hash" or "tokens" or "login" or "keycloak" or "get" or "gateway" or "openid" or "approvals" or "console": options.Scenarios.Add(args[i]); break;
                case "all": options.Scenarios.AddRange(["hash", "login", "get", "approvals", "keycloak"]); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'; {Usage}");
            }
        }

        return options.Scenarios.Count > 0 ? options : throw new ArgumentException(Usage);
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
