using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.AppHost.Hosting;

internal static class HealthProbes
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Polls <paramref name="probe"/> until it answers true; fails early when the process exits.</summary>
    public static async Task WaitUntilAsync(
        string resourceName,
        Func<CancellationToken, Task<bool>> probe,
        ChildProcess? process,
        ResourceLog log,
        TimeSpan timeout,
        string what,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new ResourceStartException(resourceName,
                    $"exited with code {process.Exited.Result} before {what}. Last lines of {log.FilePath}:{Environment.NewLine}{log.Tail()}");
            }

            try
            {
                if (await probe(cancellationToken))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException or HttpRequestException or TimeoutException
                                          or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not up yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ResourceStartException(resourceName,
                    $"{what} did not happen within {timeout.TotalSeconds:0} s. Last lines of {log.FilePath}:{Environment.NewLine}{log.Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
        }
    }

    public static async Task<bool> HttpOkAsync(Uri url, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(url, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static async Task<bool> RedisPingAsync(int port, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(port, "PING\r\n"u8.ToArray(), 5, cancellationToken);
        return Encoding.ASCII.GetString(reply).StartsWith("+PONG", StringComparison.Ordinal);
    }

    /// <summary>AMQP 0-9-1 protocol header; a broker that is up answers with a method frame (type 1, Connection.Start).</summary>
    public static async Task<bool> AmqpHandshakeAsync(int port, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(port, "AMQP\0\0\u0009\u0001"u8.ToArray(), 1, cancellationToken);
        return reply.Length == 1 && reply[0] == 0x01;
    }

    /// <summary>epmd's NAMES_REQ: a well-formed request keeps epmd from logging a "partial packet" per probe.</summary>
    public static async Task<bool> EpmdNamesAsync(int port, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(port, [0, 1, 110], 4, cancellationToken);
        return reply.Length == 4;
    }

    private static async Task<byte[]> ExchangeAsync(int port, byte[] request, int replyBytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        await socket.SendAsync(request, SocketFlags.None, timeout.Token);
        var buffer = new byte[replyBytes];
        var read = 0;
        while (read < replyBytes)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return buffer[..read];
    }
}
