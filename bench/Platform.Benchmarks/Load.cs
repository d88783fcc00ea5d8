using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>What <see cref="Load.RunAsync"/> counted in the measured window (after the warm-up).</summary>
/// <param name="Completed">Every operation that succeeded, warm-up and tail included: what CPU time is divided by.</param>
public sealed record LoadResult(int Concurrency, TimeSpan Duration, int Succeeded, int Failed, Latencies Latencies, int Completed)
{
    public double PerSecond => Succeeded / Duration.TotalSeconds;

    /// <summary>Several measured windows of one load, as if they were one.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> slices)
    {
        var latencies = new Latencies();
        foreach (var slice in slices) latencies.AddRange(slice.Latencies);
        return new LoadResult(slices[0].Concurrency, TimeSpan.FromTicks(slices.Sum(s => s.Duration.Ticks)),
            slices.Sum(s => s.Succeeded), slices.Sum(s => s.Failed), latencies, slices.Sum(s => s.Completed));
    }
}

/// <summary>
/// A closed loop: <c>concurrency</c> workers each run one operation after another. Operations that finish
/// inside the measured window count; the warm-up's and those finishing after the end do not. Requests are
/// left to finish (they ignore the token) so that no orphaned server work spills into the next measurement.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(
        int concurrency, TimeSpan warmup, TimeSpan duration, Func<int, CancellationToken, ValueTask<bool>> operation)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup.Ticks;
        var measureUntil = (warmup + duration).Ticks;
        using var stop = new CancellationTokenSource(warmup + duration);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Factory.StartNew(async () =>
        {
            var latencies = new Latencies();
            int succeeded = 0, failed = 0, completed = 0;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(worker, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }

                var finished = clock.Elapsed.Ticks;
                if (ok) completed++;
                if (finished < measureFrom || finished > measureUntil) continue;
                if (ok)
                {
                    succeeded++;
                    latencies.Add(Stopwatch.GetTimestamp() - started);
                }
                else
                {
                    failed++;
                }
            }

            return (latencies, succeeded, failed, completed);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToList();

        var results = await Task.WhenAll(workers);
        var all = new Latencies();
        foreach (var result in results) all.AddRange(result.latencies);
        return new LoadResult(concurrency, duration, results.Sum(r => r.succeeded), results.Sum(r => r.failed), all, results.Sum(r => r.completed));
    }
}
