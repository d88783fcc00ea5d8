namespace Platform.AppHost.Hosting;

/// <summary>
/// Last line of defence against orphans: whatever is still running when the AppHost (or a test host that
/// forgot to dispose a server) exits gets its stop signal, then is killed.
/// </summary>
internal static class ChildProcessRegistry
{
    private static readonly Lock Gate = new();
    private static readonly List<ChildProcess> Running = [];
    private static bool _hooked;

    public static void Add(ChildProcess child)
    {
        lock (Gate)
        {
            Running.Add(child);
            if (!_hooked)
            {
                _hooked = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
            }
        }
    }

    public static void Remove(ChildProcess child)
    {
        lock (Gate)
        {
            Running.Remove(child);
        }
    }

    private static void StopAll()
    {
        ChildProcess[] children;
        lock (Gate)
        {
            children = [.. Running];
        }

        // Projects were started last: stopping in reverse order stops them before the infrastructure.
        Array.Reverse(children);
        try
        {
            Task.WaitAll(children.Select(c => c.StopAsync(TimeSpan.FromSeconds(8))).ToArray(), TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Best effort while the process exits.
        }
    }
}
