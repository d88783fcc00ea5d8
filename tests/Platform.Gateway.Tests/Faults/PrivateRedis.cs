using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Gateway.Tests.Faults;

/// <summary>
/// A redis-server of one test's own, with append-only persistence as the AppHost runs it, that the test
/// can kill (SIGKILL) and start again on the same port with the same data folder.
/// </summary>
internal sealed class PrivateRedis : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"platform-redis-{Guid.NewGuid():N}");
    private Process? process;

    public int Port { get; } = FreePort();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        Directory.CreateDirectory(directory);
        process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--daemonize", "no", "--dir", directory])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        await Platform.Testing.Eventually.TrueAsync(PingAsync, $"redis-server on port {Port}", TimeSpan.FromSeconds(20));
    }

    /// <summary>As a crash or an OOM kill would stop it: no chance to save anything more.</summary>
    public async Task KillAsync()
    {
        process!.Kill();
        await process.WaitForExitAsync();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false }) await KillAsync();
        process?.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
