using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Notifications.Tests;

/// <summary>
/// A small SMTP server that closes a connection left idle for <paramref name="idleTimeout"/> the way
/// Postfix does (<c>421 4.4.2 … Error: timeout exceeded</c>, then it hangs up), which maildev never does.
/// It accepts every email and counts them per recipient.
/// </summary>
public sealed class IdleClosingSmtpServer(TimeSpan idleTimeout) : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, int> accepted = new(StringComparer.OrdinalIgnoreCase);
    private Task accepting = Task.CompletedTask;
    private int idleClosures;

    public string ConnectionString => $"smtp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>Connections it closed with 421 after they sat idle.</summary>
    public int IdleClosures => Volatile.Read(ref idleClosures);

    public int AcceptedFor(string recipient) => accepted.GetValueOrDefault(recipient);

    public void Start()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try { _ = ServeAsync(await listener.AcceptTcpClientAsync(stopping.Token)); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var recipients = new List<string>();
        try
        {
            await ReplyAsync(stream, "220 idle-closing ESMTP");
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                idle.CancelAfter(idleTimeout);
                string? line;
                try { line = await reader.ReadLineAsync(idle.Token); }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    await ReplyAsync(stream, "421 4.4.2 idle-closing Error: timeout exceeded");
                    Interlocked.Increment(ref idleClosures);
                    return;
                }

                if (line is null) return;
                switch (line.Split(' ')[0].ToUpperInvariant())
                {
                    case "EHLO" or "HELO":
                        await ReplyAsync(stream, "250 idle-closing");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await ReplyAsync(stream, "250 2.1.0 OK");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                        await ReplyAsync(stream, "250 2.1.5 OK");
                        break;
                    case "DATA":
                        await ReplyAsync(stream, "354 End data with <CR><LF>.<CR><LF>");
                        while (await reader.ReadLineAsync(stopping.Token) is { } data && data != ".") { }
                        foreach (var recipient in recipients) accepted.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                        await ReplyAsync(stream, "250 2.0.0 OK queued");
                        break;
                    case "QUIT":
                        await ReplyAsync(stream, "221 2.0.0 Bye");
                        return;
                    default:
                        await ReplyAsync(stream, "250 OK");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task ReplyAsync(NetworkStream stream, string reply) => await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
    }
}
