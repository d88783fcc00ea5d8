using System.Diagnostics;

namespace Platform.EndToEnd.Tests;

/// <summary>The built AppHost run as its own process, the way `scripts/run.sh` and `scripts/test.sh` run it.</summary>
internal static class AppHostProcess
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static Process Start(params string[] args)
    {
        var dll = Path.Combine(RepositoryRoot, "AppHost", "bin", Configuration, "net10.0", "Platform.AppHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<int> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>
    /// Every process that runs from or in <paramref name="dataDirectory"/>: each server's working folder is there
    /// (epmd's too, which names no path on its command line).
    /// </summary>
    public static IReadOnlyList<string> ProcessesUsing(string dataDirectory)
    {
        var found = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out _))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
                var workingDirectory = new DirectoryInfo(Path.Combine(folder, "cwd")).ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "";
                if (commandLine.Contains(dataDirectory, StringComparison.Ordinal) || workingDirectory.StartsWith(dataDirectory, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(folder)}: {commandLine}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours to read
            }
        }

        return found;
    }

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Platform.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No Platform.sln above the test binaries.");
    }
}
