using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.EndToEnd.Tests;

/// <summary>A client app's webhook endpoint inside the test: keeps every delivery's headers and body, answers 204.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received;

    private WebhookReceiver(WebApplication app, ConcurrentQueue<ReceivedWebhook> received)
    {
        this.app = app;
        this.received = received;
    }

    public Uri Url { get; private init; } = null!;
    public IReadOnlyCollection<ReceivedWebhook> Received => received;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var received = new ConcurrentQueue<ReceivedWebhook>();
        var (app, address) = await LoopbackServer.StartAsync(app => app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            received.Enqueue(new ReceivedWebhook(
                request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(), body));
            return Results.NoContent();
        }));
        return new WebhookReceiver(app, received) { Url = new Uri(address, "/hooks") };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body);
