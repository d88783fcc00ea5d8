using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.Console.Tests;

/// <summary>
/// A client app's webhook endpoint on this machine (the AppHost lets notifications deliver to private http addresses):
/// it answers 200 to every POST and keeps what arrived.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(int port)
    {
        Url = $"http://127.0.0.1:{port}/hooks";
        listener.Prefixes.Add($"{Url}/");
    }

    public string Url { get; }
    public IReadOnlyCollection<ReceivedWebhook> Received => received;

    public static WebhookReceiver Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var receiver = new WebhookReceiver(port);
        receiver.listener.Start();
        _ = receiver.ServeAsync();
        return receiver;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                received.Enqueue(new ReceivedWebhook(await reader.ReadToEndAsync(), context.Request.Headers["webhook-signature"]));
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}

public sealed record ReceivedWebhook(string Body, string? Signature);
