using Platform.Membership.Benchmarks;

// Usage: dotnet run -c Release --project bench/Platform.Membership.Benchmarks -- [import] [authz] [--rows N] [--memberships N] [--checks N]
var scenarios = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToHashSet(StringComparer.OrdinalIgnoreCase);
if (scenarios.Count == 0 || scenarios.Contains("all")) scenarios = ["import", "authz"];
int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;

await using var bench = await MembershipBench.StartAsync();
Console.WriteLine($"# Membership benchmarks ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {Load.Average()})");
if (scenarios.Contains("import")) await ImportBenchmark.RunAsync(bench, Option("--rows", 100_000));
if (scenarios.Contains("authz")) await AuthorizationBenchmark.RunAsync(bench, Option("--memberships", 1_000_000), Option("--checks", 20_000));
