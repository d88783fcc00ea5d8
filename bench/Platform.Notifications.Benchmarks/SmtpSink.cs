using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Notifications.Benchmarks;

/// <summary>
/// A minimal SMTP server on 127.0.0.1 that accepts everything and notes, per recipient, the moment it
/// read the end of DATA, just before it answers 250: the moment the email counts as accepted.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> waiting = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.OrdinalIgnoreCase);
    private Task accepting = Task.CompletedTask;
    private long accepted;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public long Accepted => Interlocked.Read(ref accepted);
    public int Connections { get; private set; }

    public static SmtpSink Start()
    {
        var sink = new SmtpSink();
        sink.listener.Start(100);
        sink.accepting = sink.AcceptAsync();
        return sink;
    }

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp at which an email to <paramref name="recipient"/> was accepted.</summary>
    public Task<long> AcceptedFor(string recipient) => waiting.GetOrAdd(recipient, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public int CountFor(string recipient) => counts.GetValueOrDefault(recipient);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stopping.Token); }
            catch (OperationCanceledException) { return; }
            Connections++;
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    /// <summary>
    /// One connection. Reads raw bytes: commands line by line, and DATA by searching for the
    /// terminating CRLF.CRLF rather than splitting the message into lines, so the sink costs the
    /// measurement as little CPU as it can.
    /// </summary>
    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        var input = new Input(stream);
        var recipients = new List<string>();
        try
        {
            await ReplyAsync(stream, "220 bench-sink ESMTP\r\n");
            while (await input.ReadLineAsync(stopping.Token) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await ReplyAsync(stream, "250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n");
                        break;
                    case "MAIL":
                        recipients.Clear();
                        await ReplyAsync(stream, "250 2.1.0 OK\r\n");
                        break;
                    case "RCPT":
                        var open = line.IndexOf('<');
                        var close = line.IndexOf('>');
                        recipients.Add(open >= 0 && close > open ? line[(open + 1)..close] : line[8..].Trim());
                        await ReplyAsync(stream, "250 2.1.5 OK\r\n");
                        break;
                    case "DATA":
                        await ReplyAsync(stream, "354 End data with <CR><LF>.<CR><LF>\r\n");
                        if (!await input.SkipDataAsync(stopping.Token)) return;
                        var now = Stopwatch.GetTimestamp();
                        foreach (var recipient in recipients)
                        {
                            counts.AddOrUpdate(recipient, 1, (_, n) => n + 1);
                            waiting.GetOrAdd(recipient, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
                            Interlocked.Increment(ref accepted);
                        }

                        await ReplyAsync(stream, "250 2.0.0 OK queued\r\n");
                        break;
                    case "QUIT":
                        await ReplyAsync(stream, "221 2.0.0 Bye\r\n");
                        return;
                    case "RSET":
                        recipients.Clear();
                        await ReplyAsync(stream, "250 OK\r\n");
                        break;
                    case "HELO" or "NOOP":
                        await ReplyAsync(stream, "250 OK\r\n");
                        break;
                    default:
                        await ReplyAsync(stream, "502 5.5.2 Command not implemented\r\n");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static ValueTask ReplyAsync(NetworkStream stream, string reply) => stream.WriteAsync(Encoding.ASCII.GetBytes(reply));

    private sealed class Input(Stream stream)
    {
        private static readonly byte[] EndOfLine = "\r\n"u8.ToArray();
        private static readonly byte[] EndOfData = "\r\n.\r\n"u8.ToArray();
        private byte[] buffer = new byte[256 * 1024];
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var found = buffer.AsSpan(start, end - start).IndexOf(EndOfLine);
                if (found >= 0)
                {
                    var line = Encoding.Latin1.GetString(buffer, start, found);
                    start += found + 2;
                    return line;
                }

                if (!await FillAsync(keep: end - start, cancellationToken)) return null;
            }
        }

        /// <summary>Skips the message up to and including CRLF.CRLF (the CRLF before the dot ends the last line).</summary>
        public async Task<bool> SkipDataAsync(CancellationToken cancellationToken)
        {
            // An empty message is just ".\r\n"; otherwise look for CRLF.CRLF, from the CRLF of the DATA line on.
            start -= 2;
            while (true)
            {
                var found = buffer.AsSpan(start, end - start).IndexOf(EndOfData);
                if (found >= 0)
                {
                    start += found + EndOfData.Length;
                    return true;
                }

                if (!await FillAsync(keep: Math.Min(end - start, EndOfData.Length - 1), cancellationToken)) return false;
            }
        }

        private async Task<bool> FillAsync(int keep, CancellationToken cancellationToken)
        {
            Buffer.BlockCopy(buffer, end - keep, buffer, 0, keep);
            start = 0;
            end = keep;
            if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            end += read;
            return read > 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
    }
}
