using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// CPU time (user + system) of this process and of everything the AppHost started under it, per resource, from
/// /proc. Counting CPU seconds instead of wall time keeps a comparison fair when other work shares the machine.
/// </summary>
public static class ProcessCpu
{
    public const string LoadGenerator = "load generator (this process)";

    // USER_HZ, the unit of utime and stime in /proc/<pid>/stat, is 100 on every Linux the platform runs on.
    private const double TicksPerSecond = 100;

    public static Dictionary<string, double> Snapshot()
    {
        var processes = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                // Fields after "(comm)": state ppid ... utime (14th field) stime (15th).
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                processes[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        var self = Environment.ProcessId;
        var seconds = new Dictionary<string, double> { [LoadGenerator] = processes.GetValueOrDefault(self).Ticks / TicksPerSecond };
        foreach (var (pid, info) in processes)
        {
            if (pid == self || ChildOfSelfAbove(pid, processes, self) is not { } resourceRoot) continue;
            var name = Resource(resourceRoot);
            seconds[name] = seconds.GetValueOrDefault(name) + info.Ticks / TicksPerSecond;
        }

        return seconds;
    }

    public static Dictionary<string, double> Since(Dictionary<string, double> before)
    {
        var now = Snapshot();
        return now.Keys.Union(before.Keys).ToDictionary(k => k, k => now.GetValueOrDefault(k) - before.GetValueOrDefault(k));
    }

    // The ancestor of pid that is a direct child of this process: the resource the AppHost started.
    private static int? ChildOfSelfAbove(int pid, Dictionary<int, (int Parent, long Ticks)> processes, int self)
    {
        for (var current = pid; processes.TryGetValue(current, out var info); current = info.Parent)
        {
            if (info.Parent == self) return current;
            if (info.Parent <= 1) return null;
        }

        return null;
    }

    private static string Resource(int pid)
    {
        string commandLine;
        try { commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); }
        catch (IOException) { return "other"; }

        return commandLine switch
        {
            _ when commandLine.Contains("Platform.Gateway.dll", StringComparison.Ordinal) => "gateway",
            _ when commandLine.Contains("Platform.Identity.dll", StringComparison.Ordinal) => "identity",
            _ when commandLine.Contains("Platform.", StringComparison.Ordinal) => "membership, notifications, approvals",
            _ when commandLine.Contains("postgres", StringComparison.Ordinal) => "postgres",
            _ when commandLine.Contains("redis", StringComparison.Ordinal) => "redis",
            _ when commandLine.Contains("rabbitmq", StringComparison.Ordinal) || commandLine.Contains("epmd", StringComparison.Ordinal) => "rabbitmq",
            _ when commandLine.Contains("maildev", StringComparison.Ordinal) => "maildev",
            _ => "other",
        };
    }
}
