using System.Text;

namespace Platform.AppHost.Hosting;

/// <summary>One resource's output: echoed on the console with its name and appended to logs/&lt;name&gt;.log.</summary>
internal sealed class ResourceLog : IDisposable
{
    private const int TailCapacity = 60;
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();
    private readonly StreamWriter _file;
    private readonly bool _echo;

    public ResourceLog(string name, string logDirectory, bool echoToConsole)
    {
        Name = name;
        _echo = echoToConsole;
        Directory.CreateDirectory(logDirectory);
        FilePath = Path.Combine(logDirectory, name + ".log");
        var stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _file = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
    }

    public string Name { get; }

    public string FilePath { get; }

    public string PidFilePath => Path.ChangeExtension(FilePath, ".pid");

    public void Output(string line) => Write(line, fromAppHost: false);

    public void Info(string message) => Write(message, fromAppHost: true);

    /// <summary>Only into the file: for text already shown on the console in another form.</summary>
    public void Record(string line) => Write(line, fromAppHost: false, echo: false);

    /// <summary>The last lines, preceded by earlier error lines that would otherwise scroll out of view.</summary>
    public string Tail(int lines = 20)
    {
        lock (_gate)
        {
            var all = _tail.ToList();
            var start = Math.Max(0, all.Count - lines);
            var earlierErrors = all.Take(start)
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)
                            || l.Contains("fatal", StringComparison.OrdinalIgnoreCase)
                            || l.Contains("failed", StringComparison.OrdinalIgnoreCase))
                .Take(6)
                .ToList();
            var selected = earlierErrors.Count == 0 ? all.Skip(start) : [.. earlierErrors, "...", .. all.Skip(start)];
            return string.Join(Environment.NewLine, selected.Select(l => "    " + l));
        }
    }

    private void Write(string line, bool fromAppHost, bool echo = true)
    {
        lock (_gate)
        {
            if (_tail.Count == TailCapacity)
            {
                _tail.Dequeue();
            }

            _tail.Enqueue(line);
            try
            {
                _file.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {(fromAppHost ? "» " : "")}{line}");
            }
            catch (ObjectDisposedException)
            {
                // A child can still print while the log is being closed at shutdown.
            }
        }

        if (_echo && echo)
        {
            ConsoleSink.WriteLine(Name, line, fromAppHost);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file.Dispose();
        }
    }
}
