using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MassTransit;
using Npgsql;
using Platform.Contracts.Identity;
using Platform.Contracts.Membership;
using Platform.Notifications.Benchmarks;

// Event published on RabbitMQ → email accepted by an SMTP server, measured against the notifications
// service running as its own process (Release build) on the shared PostgreSQL and RabbitMQ. Results in
// Markdown on standard output, progress on standard error. See BENCHMARKS.md, section Notifications.
var options = BenchOptions.Parse(args);
var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
var rabbitMq = Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq");
if (postgres is null || rabbitMq is null)
{
    Console.Error.WriteLine("Set ConnectionStrings__postgres and ConnectionStrings__rabbitmq (source /tmp/devinfra/env, or run the AppHost's servers).");
    return 2;
}

var root = RepositoryRoot();
#if DEBUG
const string configuration = "Debug";
#else
const string configuration = "Release";
#endif
var dll = Path.Combine(root, "services", "notifications", "bin", configuration, "net10.0", "Platform.Notifications.dll");
var run = $"bench{Guid.NewGuid():N}"[..13];
var database = $"{run}_notifications";

Console.Out.WriteLine($"Run at {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, "
    + $"{configuration} build; load average {LoadAverage()}.");
Console.Out.WriteLine();

await using var sink = SmtpSink.Start();
await Sql(postgres, $"CREATE DATABASE \"{database}\"");
try
{
    var settings = new Dictionary<string, string>
    {
        ["ConnectionStrings__notificationsdb"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString,
        ["ConnectionStrings__rabbitmq"] = rabbitMq,
        ["ConnectionStrings__smtp"] = $"smtp://127.0.0.1:{sink.Port}",
        ["Messaging__Prefix"] = run,
    };
    if (options.Concurrency is { } concurrency) settings["Email__Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture);
    if (options.BatchSize is { } batch) settings["Email__BatchSize"] = batch.ToString(CultureInfo.InvariantCulture);

    Console.Error.WriteLine($"Starting {dll}");
    await using var service = await NotificationsProcess.StartAsync(dll, settings);
    var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
    {
        rabbit.Host(new Uri(rabbitMq));
        rabbit.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, run + "."));
    });
    await bus.StartAsync();
    try
    {
        // Warm-up: JIT, connection pools, the SMTP connections.
        await LatencyAsync(bus, sink, options.WarmUp, "warmup", TimeSpan.FromMilliseconds(20));
        Console.Error.WriteLine($"Light load: {options.Events} verification emails, one at a time, {options.Gap.TotalMilliseconds} ms apart");
        var light = await LatencyAsync(bus, sink, options.Events, "light", options.Gap);
        Console.Out.WriteLine($"### Event published → email accepted, light load ({options.Events} events, one at a time, {options.Gap.TotalMilliseconds:0} ms apart)");
        Console.Out.WriteLine();
        Console.Out.WriteLine("| p50 | p90 | p99 | max |");
        Console.Out.WriteLine("| --- | --- | --- | --- |");
        Console.Out.WriteLine($"| {Ms(light, 0.50)} | {Ms(light, 0.90)} | {Ms(light, 0.99)} | {Ms(light, 1)} |");
        Console.Out.WriteLine();

        Console.Error.WriteLine($"Broadcast: one GroupMessagePosted to {options.Recipients} recipients");
        await BroadcastAsync(bus, sink, service, options);
    }
    finally
    {
        await bus.StopAsync();
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Sql(postgres, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
}

Console.Out.WriteLine($"Load average at the end: {LoadAverage()}.");
return 0;

static async Task<List<double>> LatencyAsync(IBus bus, SmtpSink sink, int count, string label, TimeSpan gap)
{
    var latencies = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var address = $"{label}-{i}-{Guid.NewGuid():N}@example.com";
        var accepted = sink.AcceptedFor(address);
        var published = Stopwatch.GetTimestamp();
        await bus.Publish(new EmailVerificationRequested(Guid.NewGuid(), address, "Bench", "token-" + i, DateTimeOffset.UtcNow.AddHours(1)));
        var at = await accepted.WaitAsync(TimeSpan.FromSeconds(30));
        latencies.Add(Stopwatch.GetElapsedTime(published, at).TotalMilliseconds);
        await Task.Delay(gap);
    }

    return latencies;
}

static async Task BroadcastAsync(IBus bus, SmtpSink sink, NotificationsProcess service, BenchOptions options)
{
    var recipients = Enumerable.Range(0, options.Recipients)
        .Select(i => new GroupMessageRecipient(Guid.NewGuid(), $"member-{i}-{Guid.NewGuid():N}@example.com", $"Member {i}"))
        .ToList();
    var posted = new GroupMessagePosted(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Producer network", Guid.NewGuid(), "Grace Hopper",
        "Harvest schedule for next week", string.Join('\n', Enumerable.Repeat("Deliveries move to Tuesday; bring crates back.", 8)),
        recipients, DateTimeOffset.UtcNow);
    var all = recipients.Select(r => sink.AcceptedFor(r.Email)).ToList();
    var before = service.Memory();
    var peakResident = before.Resident;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peakResident = Math.Max(peakResident, service.Memory().Resident);
            try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
        }
    });

    var accepted = sink.Accepted;
    var cpuBefore = service.CpuTime();
    var published = Stopwatch.GetTimestamp();
    await bus.Publish(posted);
    // Meanwhile, security emails keep coming: they go ahead of the broadcast.
    var during = Task.Run(async () =>
    {
        await Task.Delay(options.DuringDelay);
        return await LatencyAsync(bus, sink, options.DuringEvents, "during", TimeSpan.FromMilliseconds(200));
    });

    var first = await Task.WhenAny(all);
    var done = await Task.WhenAll(all).WaitAsync(TimeSpan.FromMinutes(5));
    var last = done.Max();
    var duringLatencies = await during;
    await sampling.CancelAsync();
    await sampler;
    var after = service.Memory();
    var cpu = service.CpuTime() - cpuBefore;
    var duplicates = recipients.Count(r => sink.CountFor(r.Email) != 1);

    var total = Stopwatch.GetElapsedTime(published, last).TotalSeconds;
    var firstAt = Stopwatch.GetElapsedTime(published, await first).TotalSeconds;
    Console.Out.WriteLine($"### One GroupMessagePosted to {options.Recipients:N0} recipients");
    Console.Out.WriteLine();
    Console.Out.WriteLine("| published → all accepted | published → first accepted | send rate after the first | duplicates | emails accepted in total |");
    Console.Out.WriteLine("| --- | --- | --- | --- | --- |");
    Console.Out.WriteLine($"| {total:0.00} s | {firstAt:0.00} s | {options.Recipients / (total - firstAt):0} /s | {duplicates} | {sink.Accepted - accepted:N0} |");
    Console.Out.WriteLine();
    Console.Out.WriteLine("| notifications RSS before | peak RSS during (sampled every 50 ms) | VmHWM after (peak since start) | notifications CPU time |");
    Console.Out.WriteLine("| --- | --- | --- | --- |");
    Console.Out.WriteLine($"| {before.Resident:0} MiB | {peakResident:0} MiB | {after.Peak:0} MiB | {cpu.TotalSeconds:0.0} s |");
    Console.Out.WriteLine();
    Console.Out.WriteLine($"Verification emails published during the broadcast ({options.DuringEvents}, from {options.DuringDelay.TotalSeconds:0.#} s after it, 200 ms apart): "
        + $"p50 {Ms(duringLatencies, 0.5)}, max {Ms(duringLatencies, 1)}.");
    Console.Out.WriteLine();
}

static string Ms(List<double> values, double quantile)
{
    var sorted = values.Order().ToList();
    var index = Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1);
    return $"{sorted[index]:0.0} ms";
}

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) return directory.FullName;
    }

    throw new InvalidOperationException("Run the bench from inside the repository.");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

internal sealed record BenchOptions(
    int Events, TimeSpan Gap, int WarmUp, int Recipients, int DuringEvents, TimeSpan DuringDelay, int? Concurrency, int? BatchSize)
{
    /// <summary><c>--events 200 --gap-ms 100 --recipients 10000 --concurrency 4 --batch 20</c> (the last two override the service's defaults).</summary>
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int? Number(string name) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
        return new BenchOptions(
            Number("--events") ?? 200, TimeSpan.FromMilliseconds(Number("--gap-ms") ?? 100), Number("--warmup") ?? 20,
            Number("--recipients") ?? 10_000, Number("--during") ?? 10, TimeSpan.FromSeconds(1),
            Number("--concurrency"), Number("--batch"));
    }
}
