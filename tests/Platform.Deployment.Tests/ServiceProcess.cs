using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.Deployment.Tests;

/// <summary>
/// A published service running as its own process, as in a pod: its entry point, its environment, a
/// loopback port of its own. <see cref="Terminate"/> sends SIGTERM, as the kubelet does.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServiceProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int ExitCode => process.ExitCode;

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    public static async Task<ServiceProcess> StartAsync(string folder, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Path.Combine(folder, "service"))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = address.ToString();

        var service = new ServiceProcess(Process.Start(start)!, address);
        service.process.OutputDataReceived += (_, line) => service.Append(line.Data);
        service.process.ErrorDataReceived += (_, line) => service.Append(line.Data);
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();
        try
        {
            await service.WaitUntilReadyAsync();
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    public void Terminate()
    {
        if (Kill(process.Id, SigTerm) != 0) throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed: {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to exit and says how long it took; fails after <paramref name="limit"/>.</summary>
    public async Task<TimeSpan> WaitForExitAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(deadline.Token);
        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The service exited with {process.ExitCode}:\n{Log}");
            try { return (await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK; }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException) { return false; }
        }, $"{Address}health to answer 200", TimeSpan.FromSeconds(60));
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
