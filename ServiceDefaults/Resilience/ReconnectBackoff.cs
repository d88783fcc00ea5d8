namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// How long a worker waits before it tries an unreachable server again (an SMTP server, the database):
/// 0.5 s, doubling up to the maximum it is given, so that after an outage of any length work resumes at
/// most that long after the server is back. Back to 0.5 s once a connection opens.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan max)
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);

    public TimeSpan Current { get; private set; } = First;

    public void Failed() => Current = TimeSpan.FromTicks(Math.Min(Current.Ticks * 2, Math.Max(max.Ticks, First.Ticks)));

    public void Reset() => Current = First;
}
