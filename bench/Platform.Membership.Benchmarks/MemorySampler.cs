using System.Diagnostics;

namespace Platform.Membership.Benchmarks;

/// <summary>Samples this process's working set and managed heap every 50 ms and keeps the peaks.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;

    public MemorySampler()
    {
        using var process = Process.GetCurrentProcess();
        BaselineWorkingSet = process.WorkingSet64;
        sampling = Task.Run(SampleAsync);
    }

    public long BaselineWorkingSet { get; }
    public long PeakWorkingSet { get; private set; }
    public long PeakManagedHeap { get; private set; }

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
            PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
            try { await Task.Delay(50, stop.Token); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested) return;
        await stop.CancelAsync();
        await sampling;
    }
}
