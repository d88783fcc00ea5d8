namespace Platform.AppHost.Hosting;

internal sealed record ChildProcessStartInfo(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Added to the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Run as this account (only applied when the AppHost runs as root).</summary>
    public string? UserName { get; init; }

    /// <summary>The signal that asks the program to shut down cleanly (PostgreSQL: SIGINT, a fast shutdown).</summary>
    public int StopSignal { get; init; } = NativeMethods.SIGTERM;

    /// <summary>Where the PID is recorded, so a later port conflict can name a leftover process (default logs/&lt;name&gt;.pid).</summary>
    public string? PidFile { get; init; }
}
