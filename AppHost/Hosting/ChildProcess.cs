using System.Diagnostics;

namespace Platform.AppHost.Hosting;

/// <summary>A server or project started as a direct child: output piped into its <see cref="ResourceLog"/>.</summary>
internal sealed class ChildProcess
{
    private const string SetsidPath = "/usr/bin/setsid";
    private readonly Process _process;
    private readonly ResourceLog _log;
    private readonly int _stopSignal;
    private readonly string _pidFile;
    private volatile bool _stopRequested;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, ResourceLog log, int stopSignal, string pidFile)
    {
        _process = process;
        _log = log;
        _stopSignal = stopSignal;
        _pidFile = pidFile;
    }

    public int Id { get; private set; }

    public Task<int> Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static ChildProcess Start(ChildProcessStartInfo info, ResourceLog log)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = info.WorkingDirectory ?? "",
        };

        // setsid does not fork here (our fresh child is no group leader), so the PID stays the server's.
        // A session of its own keeps a terminal's Ctrl+C away from the children: the AppHost decides the
        // shutdown order (projects first, then infrastructure) instead of everyone dying at once.
        if (File.Exists(SetsidPath))
        {
            psi.FileName = SetsidPath;
            psi.ArgumentList.Add(info.FileName);
        }
        else
        {
            psi.FileName = info.FileName;
        }

        foreach (var argument in info.Arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in info.Environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(key);
            }
            else
            {
                psi.Environment[key] = value;
            }
        }

        if (info.UserName is not null && Environment.IsPrivilegedProcess)
        {
            psi.UserName = info.UserName;
        }

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, info.StopSignal, info.PidFile ?? log.PidFilePath);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Output(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Output(e.Data); };
        process.Exited += (_, _) => child.OnExited();

        process.Start();
        child.Id = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ChildProcessRegistry.Add(child);
        TryWritePidFile(child._pidFile, child.Id);
        return child;
    }

    /// <summary>For programs stopped by their own tool (pg_ctl): the exit that follows is expected.</summary>
    public void ExpectExit() => _stopRequested = true;

    /// <summary>Sends the stop signal, waits, then kills the whole tree. Safe to call repeatedly.</summary>
    public async Task StopAsync(TimeSpan timeout, bool sendSignal = true)
    {
        if (HasExited)
        {
            return;
        }

        _stopRequested = true;
        if (sendSignal)
        {
            NativeMethods.kill(Id, _stopSignal);
        }

        if (await Task.WhenAny(Exited, Task.Delay(timeout)) == Exited)
        {
            return;
        }

        _log.Info($"did not stop within {timeout.TotalSeconds:0} s: killing process tree {Id}");
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }

        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(5)));
    }

    private void OnExited()
    {
        int code;
        try
        {
            code = _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            code = -1;
        }

        ChildProcessRegistry.Remove(this);
        try
        {
            File.Delete(_pidFile);
        }
        catch (IOException)
        {
        }

        _log.Info(_stopRequested ? $"process {Id} stopped (exit code {code})" : $"process {Id} exited with code {code}");

        _exited.TrySetResult(code);
    }

    private static void TryWritePidFile(string path, int pid)
    {
        try
        {
            File.WriteAllText(path, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // Only used to name a leftover process in a port conflict message.
        }
    }
}
