using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Platform.Testing;

/// <summary>
/// A service as a process of its own (its build output, in this test run's configuration), for what an
/// in-process host cannot show: a <c>kill -9</c> in the middle of its work, and a restart on the same data.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private ServiceProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        this.process = process;
        this.output = output;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => process.Id;

    /// <param name="project">The folder under the repository, <c>services/notifications</c>.</param>
    /// <param name="assembly">The entry assembly, <c>Platform.Notifications</c>.</param>
    /// <param name="settings">Configuration keys as <see cref="TestContext.ServiceSettings"/> gives them (<c>A:B</c>).</param>
    /// <param name="port">Its HTTP port; 0 picks a free one. A restart that others reach by address keeps the port.</param>
    public static async Task<ServiceProcess> StartAsync(string project, string assembly, IReadOnlyDictionary<string, string?> settings, int port = 0)
    {
        var dll = Path.Combine(RepositoryRoot(), project, "bin", Configuration, "net10.0", assembly + ".dll");
        port = port == 0 ? FreePort() : port;
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = null;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {dll} did not start.");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var service = new ServiceProcess(process, output, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"{assembly} exited at start:\n{service.Output}");
                try { return (await http.GetAsync(new Uri(service.Address, "/health"))).StatusCode == HttpStatusCode.OK; }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException) { return false; }
            }, $"{assembly} to be healthy", TimeSpan.FromSeconds(180));
        }
        catch
        {
            await service.DisposeAsync(); // the caller never gets it to dispose: it must not outlive the test run
            throw;
        }

        return service;
    }

    /// <summary>The last lines it wrote, for a failure message.</summary>
    public string Output => string.Join('\n', output.TakeLast(60));

    /// <summary>SIGKILL: no shutdown, no flush, no commit; what the kernel closes is all that happens.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Platform.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("The tests run from inside the repository.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }
}
