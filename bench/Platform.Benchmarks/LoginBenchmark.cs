using System.Net;
using Platform.Identity.Model;

namespace Platform.Benchmarks;

/// <summary>
/// Scenarios <c>login</c> and <c>keycloak</c>: logins per second end to end through the gateway, then, in the same
/// run, raw hash throughput at the parameters identity really stored, with the same concurrency and duration.
/// </summary>
public static class LoginBenchmark
{
    /// <summary>Keycloak's sizing guide: one vCPU for every 15 password-based logins per second (Argon2id, m=7 MiB, t=5).</summary>
    public const double KeycloakLoginsPerVcpu = 15;

    private const int Rounds = 4;
    private static readonly TimeSpan IdleSample = TimeSpan.FromSeconds(4);

    public static async Task RunAsync(BenchPlatform platform, BenchmarkOptions options, PasswordHashAlgorithm configured, bool keycloak)
    {
        var cores = Environment.ProcessorCount;
        var concurrency = BenchmarkOptions.LoginConcurrency;
        Report.Progress($"creating {concurrency * options.UsersPerWorker} verified users");
        var users = await platform.CreateVerifiedUsersAsync(concurrency * options.UsersPerWorker);

        // What identity computes at a login is what it stored; a mismatch means it ignored the configuration.
        var stored = await platform.StoredPasswordHashAsync(users[0]);
        var used = StoredPasswordHash.Parse(stored)?.Algorithm ?? throw new InvalidOperationException($"identity stored an unreadable hash: {stored}");
        var parameters = $"`{used.Name}${used.Parameters}`";
        if (used != configured)
        {
            platform.MarkFailed();
            parameters += $" (configured `{configured.Name}${configured.Parameters}`: identity ignored Accounts:PasswordHashing)";
            Report.Progress($"WARNING: identity hashes with {used.Name}${used.Parameters}, not the configured {configured.Name}${configured.Parameters}");
        }

        // Each worker logs in with its own users only, so no two logins update one account at once.
        var turns = new int[concurrency];
        Func<int, CancellationToken, ValueTask<bool>> login = async (worker, _) =>
        {
            var user = worker + concurrency * (turns[worker]++ % options.UsersPerWorker);
            using var response = await platform.Gateway.PostAsync("/api/identity/sessions", BenchPlatform.LoginBody(users[user]));
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == HttpStatusCode.OK;
        };
        var hasher = new PasswordHasher(used);
        Func<int, CancellationToken, ValueTask<bool>> hash = (_, _) => ValueTask.FromResult(hasher.Verify(BenchPlatform.Password, stored));

        // Alternating slices expose both measures to the same background load on a shared machine.
        var slice = options.Duration / Rounds;
        Report.Progress($"warming up: {concurrency} clients logging in for {options.Warmup.TotalSeconds:0} s");
        await Load.RunAsync(concurrency, options.Warmup, TimeSpan.Zero, login);
        var loginWall = TimeSpan.Zero;

        var loginSlices = new List<LoadResult>();
        var hashSlices = new List<LoadResult>();
        var loginCpu = new Dictionary<string, double>();
        var hashCpu = new Dictionary<string, double>();
        for (var round = 0; round < Rounds; round++)
        {
            Report.Progress($"round {round + 1}/{Rounds}: {slice.TotalSeconds:0.#} s of logins through the gateway, then {slice.TotalSeconds:0.#} s of raw hashing, {concurrency} at a time");
            var before = ProcessCpu.Snapshot();
            var wall = System.Diagnostics.Stopwatch.StartNew();
            loginSlices.Add(await Load.RunAsync(concurrency, TimeSpan.FromSeconds(1), slice, login));
            loginWall += wall.Elapsed;
            Add(loginCpu, ProcessCpu.Since(before));
            before = ProcessCpu.Snapshot();
            hashSlices.Add(await Load.RunAsync(concurrency, TimeSpan.FromSeconds(1), slice, hash));
            Add(hashCpu, ProcessCpu.Since(before));
        }

        // What the platform burns with nobody logging in (pollers, timers), to tell it apart from the logins' own
        // cost; sampled last, once the JIT has settled and the last login is long done.
        var idleClock = System.Diagnostics.Stopwatch.StartNew();
        var idleBefore = ProcessCpu.Snapshot();
        await Task.Delay(IdleSample);
        var idleRate = ProcessCpu.Since(idleBefore).ToDictionary(c => c.Key, c => c.Value / idleClock.Elapsed.TotalSeconds);

        var logins = LoadResult.Combine(loginSlices);
        var raw = LoadResult.Combine(hashSlices);

        var ratio = logins.PerSecond / raw.PerSecond;
        var table = new MarkdownTable("measure", "hash parameters", "concurrency", "seconds", "succeeded", "failed", "per second", "per core", "p50 ms", "p99 ms");
        table.Add("logins through the gateway", parameters, $"{concurrency}", $"{options.Duration.TotalSeconds:0}", $"{logins.Succeeded}", $"{logins.Failed}",
            Fmt.Rate(logins.PerSecond), Fmt.Rate(logins.PerSecond / cores), Fmt.Ms(logins.Latencies.PercentileMs(50)), Fmt.Ms(logins.Latencies.PercentileMs(99)));
        table.Add("raw hash verifications, in process", parameters, $"{concurrency}", $"{options.Duration.TotalSeconds:0}", $"{raw.Succeeded}", $"{raw.Failed}",
            Fmt.Rate(raw.PerSecond), Fmt.Rate(raw.PerSecond / cores), Fmt.Ms(raw.Latencies.PercentileMs(50)), Fmt.Ms(raw.Latencies.PercentileMs(99)));

        var verdict = $"**logins / raw hashes = {Fmt.Ratio(ratio)}** (goal at least 0.85: {(ratio >= 0.85 ? "met" : "NOT met")}).";
        if (keycloak)
        {
            var perCore = logins.PerSecond / cores;
            verdict += $" **{Fmt.Rate(perCore)} logins/s per core** against Keycloak's published {KeycloakLoginsPerVcpu:0} per vCPU "
                + $"({Fmt.Ratio(perCore / KeycloakLoginsPerVcpu)}x).";
        }

        // CPU seconds per operation do not depend on what else the machine runs, unlike operations per second.
        var hashMs = hashCpu.GetValueOrDefault(ProcessCpu.LoadGenerator) * 1000 / raw.Completed;
        var cpuTable = new MarkdownTable("process", "CPU ms per login", "idle CPU ms per second", "CPU ms per login, net of idle");
        double PerLogin(double cpuSeconds) => cpuSeconds * 1000 / logins.Completed;
        double Net(string process) => Math.Max(0, loginCpu[process] - idleRate.GetValueOrDefault(process) * loginWall.TotalSeconds);
        foreach (var (process, cpuSeconds) in loginCpu.OrderByDescending(c => c.Value))
        {
            cpuTable.Add(process, Fmt.Ms(PerLogin(cpuSeconds)), Fmt.Ms(idleRate.GetValueOrDefault(process) * 1000), Fmt.Ms(PerLogin(Net(process))));
        }

        var services = loginCpu.Keys.Where(k => k != ProcessCpu.LoadGenerator).ToList();
        var platformMs = PerLogin(services.Sum(k => loginCpu[k]));
        var platformNetMs = PerLogin(services.Sum(Net));
        cpuTable.Add("**platform (all but the load generator)**", $"**{Fmt.Ms(platformMs)}**",
            Fmt.Ms(services.Sum(k => idleRate.GetValueOrDefault(k)) * 1000), $"**{Fmt.Ms(platformNetMs)}**");
        cpuTable.Add("raw hash verification, for comparison", Fmt.Ms(hashMs), "", "");
        verdict += $" By CPU time, which other work on the machine does not skew: a raw hash costs {Fmt.Ms(hashMs)} ms, a login {Fmt.Ms(platformMs)} ms "
            + $"across the platform ({Fmt.Ms(platformNetMs)} ms net of the idle platform's background work), so on a machine of its own the platform "
            + $"would reach **{Fmt.Ratio(hashMs / platformMs)}** of raw hash throughput ({Fmt.Ratio(hashMs / platformNetMs)} net of idle work).";

        Report.Section(keycloak ? "keycloak: logins per core at Keycloak's Argon2id parameters" : "login: logins end to end against raw hash throughput", table,
            $"{verdict} One run: the platform's {cores} cores also run the gateway, PostgreSQL, Redis, RabbitMQ and this load generator. "
            + $"Each of {concurrency} clients logs in as its own {options.UsersPerWorker} verified users (POST /api/identity/sessions, every login "
            + "a new Redis session, an audit row and a user update); then as many threads verify the stored hash for as long. "
            + $"The two alternate in {Rounds} slices of {(options.Duration / Rounds).TotalSeconds:0.#} s each (after 1 s unmeasured per slice), "
            + "so both see the same background load.\n\n" + cpuTable
            + $"\nCPU time of each process tree the AppHost started (utime + stime from /proc) over the {Rounds} login slices, divided by the "
            + $"{logins.Completed} logins completed in them (each slice's unmeasured second included). Idle: the same, sampled for "
            + $"{IdleSample.TotalSeconds:0} s with no requests after the last slice; net of idle subtracts that rate over the slices' {loginWall.TotalSeconds:0.#} s. "
            + "Raw: this process's CPU over the hash slices, divided by the hashes completed in them.");
    }

    private static void Add(Dictionary<string, double> total, Dictionary<string, double> more)
    {
        foreach (var (key, value) in more) total[key] = total.GetValueOrDefault(key) + value;
    }
}
