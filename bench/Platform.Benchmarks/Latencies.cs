using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>Every sample of one measurement, in Stopwatch ticks; summaries are exact, not bucketed.</summary>
public sealed class Latencies
{
    private readonly List<long> _ticks = [];

    public int Count => _ticks.Count;

    public void Add(long ticks) => _ticks.Add(ticks);

    public void AddRange(Latencies other) => _ticks.AddRange(other._ticks);

    public double MeanMs => _ticks.Count == 0 ? double.NaN : _ticks.Average() * 1000.0 / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile in milliseconds.</summary>
    public double PercentileMs(double percentile)
    {
        if (_ticks.Count == 0) return double.NaN;
        var sorted = _ticks.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
