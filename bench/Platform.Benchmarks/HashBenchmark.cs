using System.Diagnostics;
using Platform.Identity.Model;

namespace Platform.Benchmarks;

/// <summary>
/// Scenario <c>hash</c>: the cost of one password hash at each setting, on one thread, then the throughput of
/// one thread per core.
/// </summary>
public static class HashBenchmark
{
    public const string Password = "correct horse battery staple";

    public static readonly (string Label, PasswordHashAlgorithm Algorithm)[] Settings =
    [
        ("Argon2id, OWASP (identity's default)", Argon2idAlgorithm.Owasp),
        ("PBKDF2-HMAC-SHA512, 210,000 iterations", new Pbkdf2Sha512Algorithm(Pbkdf2Sha512Algorithm.MinimumIterations)),
        ("Argon2id, Keycloak's default", Argon2idAlgorithm.Keycloak),
    ];

    public static async Task RunAsync(BenchmarkOptions options)
    {
        var cores = Environment.ProcessorCount;
        var table = new MarkdownTable("setting", "stored parameters", "samples", "mean ms", "p50 ms", "p99 ms", "CPU ms per hash",
            $"hashes/s, {cores} threads", "hashes/s per core");
        foreach (var (label, algorithm) in Settings)
        {
            var hasher = new PasswordHasher(algorithm);
            for (var i = 0; i < 3; i++) hasher.Hash(Password); // JIT, libsodium's first allocation

            var single = new Latencies();
            var cpuBefore = ProcessCpu.Snapshot()[ProcessCpu.LoadGenerator];
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < options.HashSingleThread)
            {
                var started = Stopwatch.GetTimestamp();
                hasher.Hash(Password);
                single.Add(Stopwatch.GetTimestamp() - started);
            }

            var cpuMs = (ProcessCpu.Snapshot()[ProcessCpu.LoadGenerator] - cpuBefore) * 1000 / single.Count;

            var parallel = await Load.RunAsync(cores, TimeSpan.FromSeconds(1), options.HashParallel, (_, _) =>
            {
                hasher.Hash(Password);
                return ValueTask.FromResult(true);
            });

            table.Add(label, $"`{algorithm.Name}${algorithm.Parameters}`", single.Count.ToString(), Fmt.Ms(single.MeanMs),
                Fmt.Ms(single.PercentileMs(50)), Fmt.Ms(single.PercentileMs(99)), Fmt.Ms(cpuMs), Fmt.Rate(parallel.PerSecond), Fmt.Rate(parallel.PerSecond / cores));
        }

        Report.Section("hash: time per password hash", table,
            $"Single thread for {options.HashSingleThread.TotalSeconds:0} s per setting; then {cores} threads (one per core) for "
            + $"{options.HashParallel.TotalSeconds:0} s after a 1 s warm-up. A hash is PasswordHasher.Hash: salt, NFKC, derive, format. "
            + "CPU ms: this process's user + system time over the single-thread loop, per hash; unlike wall time, other work on the machine barely moves it.");
    }
}
